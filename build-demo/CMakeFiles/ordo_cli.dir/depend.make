# Empty dependencies file for ordo_cli.
# This may be replaced when dependencies are built.
