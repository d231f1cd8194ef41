# Empty compiler generated dependencies file for ordo_store_api.
# This may be replaced when dependencies are built.
