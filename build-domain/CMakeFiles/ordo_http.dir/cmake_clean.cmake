file(REMOVE_RECURSE
  "CMakeFiles/ordo_http.dir/src/http/auth.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/auth.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/catalog_handlers.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/catalog_handlers.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/command.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/command.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/dto.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/dto.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/json_util.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/json_util.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/metrics.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/metrics.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/openapi.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/openapi.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/ops_handlers.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/ops_handlers.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/orders_handlers.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/orders_handlers.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/problem.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/problem.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/router.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/router.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/routes.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/routes.cc.o.d"
  "CMakeFiles/ordo_http.dir/src/http/server.cc.o"
  "CMakeFiles/ordo_http.dir/src/http/server.cc.o.d"
  "libordo_http.a"
  "libordo_http.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_http.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
