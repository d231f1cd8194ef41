# Empty dependencies file for ordo_base.
# This may be replaced when dependencies are built.
