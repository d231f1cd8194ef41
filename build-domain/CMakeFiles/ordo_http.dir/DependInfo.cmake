
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/http/auth.cc" "CMakeFiles/ordo_http.dir/src/http/auth.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/auth.cc.o.d"
  "/work/main/src/http/catalog_handlers.cc" "CMakeFiles/ordo_http.dir/src/http/catalog_handlers.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/catalog_handlers.cc.o.d"
  "/work/main/src/http/command.cc" "CMakeFiles/ordo_http.dir/src/http/command.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/command.cc.o.d"
  "/work/main/src/http/dto.cc" "CMakeFiles/ordo_http.dir/src/http/dto.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/dto.cc.o.d"
  "/work/main/src/http/json_util.cc" "CMakeFiles/ordo_http.dir/src/http/json_util.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/json_util.cc.o.d"
  "/work/main/src/http/metrics.cc" "CMakeFiles/ordo_http.dir/src/http/metrics.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/metrics.cc.o.d"
  "/work/main/src/http/openapi.cc" "CMakeFiles/ordo_http.dir/src/http/openapi.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/openapi.cc.o.d"
  "/work/main/src/http/ops_handlers.cc" "CMakeFiles/ordo_http.dir/src/http/ops_handlers.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/ops_handlers.cc.o.d"
  "/work/main/src/http/orders_handlers.cc" "CMakeFiles/ordo_http.dir/src/http/orders_handlers.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/orders_handlers.cc.o.d"
  "/work/main/src/http/problem.cc" "CMakeFiles/ordo_http.dir/src/http/problem.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/problem.cc.o.d"
  "/work/main/src/http/router.cc" "CMakeFiles/ordo_http.dir/src/http/router.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/router.cc.o.d"
  "/work/main/src/http/routes.cc" "CMakeFiles/ordo_http.dir/src/http/routes.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/routes.cc.o.d"
  "/work/main/src/http/server.cc" "CMakeFiles/ordo_http.dir/src/http/server.cc.o" "gcc" "CMakeFiles/ordo_http.dir/src/http/server.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-domain/CMakeFiles/ordo_app.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_store_api.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_domain.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
