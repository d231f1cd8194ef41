# Empty dependencies file for ordo.
# This may be replaced when dependencies are built.
