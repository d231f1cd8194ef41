# Empty compiler generated dependencies file for ordo_store_sqlite.
# This may be replaced when dependencies are built.
