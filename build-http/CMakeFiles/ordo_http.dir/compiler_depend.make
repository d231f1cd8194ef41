# Empty compiler generated dependencies file for ordo_http.
# This may be replaced when dependencies are built.
