file(REMOVE_RECURSE
  "CMakeFiles/ordo_http_test.dir/src/http/json_util_test.cc.o"
  "CMakeFiles/ordo_http_test.dir/src/http/json_util_test.cc.o.d"
  "CMakeFiles/ordo_http_test.dir/src/http/metrics_test.cc.o"
  "CMakeFiles/ordo_http_test.dir/src/http/metrics_test.cc.o.d"
  "CMakeFiles/ordo_http_test.dir/src/http/problem_test.cc.o"
  "CMakeFiles/ordo_http_test.dir/src/http/problem_test.cc.o.d"
  "CMakeFiles/ordo_http_test.dir/src/http/router_test.cc.o"
  "CMakeFiles/ordo_http_test.dir/src/http/router_test.cc.o.d"
  "CMakeFiles/ordo_http_test.dir/src/http/server_test.cc.o"
  "CMakeFiles/ordo_http_test.dir/src/http/server_test.cc.o.d"
  "ordo_http_test"
  "ordo_http_test.pdb"
  "ordo_http_test[1]_tests.cmake"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_http_test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
