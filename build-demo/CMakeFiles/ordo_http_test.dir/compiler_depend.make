# Empty compiler generated dependencies file for ordo_http_test.
# This may be replaced when dependencies are built.
