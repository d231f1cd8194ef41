# Empty compiler generated dependencies file for ordo_app.
# This may be replaced when dependencies are built.
