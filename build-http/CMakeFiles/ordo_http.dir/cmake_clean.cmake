file(REMOVE_RECURSE
  "CMakeFiles/ordo_http.dir/src/http/command.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/command.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/dto.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/dto.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/json_util.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/json_util.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/metrics.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/metrics.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/problem.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/problem.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/router.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/router.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/server.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/server.cc.o.d"
  "libordo_http.a"
  "libordo_http.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_http.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
