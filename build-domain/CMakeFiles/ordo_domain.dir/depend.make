# Empty dependencies file for ordo_domain.
# This may be replaced when dependencies are built.
