# Empty dependencies file for ordo_domain_test.
# This may be replaced when dependencies are built.
