# Empty compiler generated dependencies file for ordo_base_test.
# This may be replaced when dependencies are built.
