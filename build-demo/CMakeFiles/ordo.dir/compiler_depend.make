# Empty compiler generated dependencies file for ordo.
# This may be replaced when dependencies are built.
