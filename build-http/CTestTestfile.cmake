# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build-http
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
include("/work/main/build-http/ordo_base_test[1]_include.cmake")
include("/work/main/build-http/ordo_domain_test[1]_include.cmake")
