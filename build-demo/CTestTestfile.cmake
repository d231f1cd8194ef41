# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build-demo
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
include("/work/main/build-demo/ordo_base_test[1]_include.cmake")
include("/work/main/build-demo/ordo_domain_test[1]_include.cmake")
include("/work/main/build-demo/ordo_http_test[1]_include.cmake")
add_test([=[http_integration]=] "python3" "-m" "unittest" "discover" "-s" "/work/main/tests/integration" "-p" "test_*.py" "-v")
set_tests_properties([=[http_integration]=] PROPERTIES  ENVIRONMENT "ORDO_BIN=/work/main/build-demo/ordo" TIMEOUT "900" _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;75;add_test;/work/main/CMakeLists.txt;0;")
