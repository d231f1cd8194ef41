
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/http/json_util_test.cc" "CMakeFiles/ordo_http_test.dir/src/http/json_util_test.cc.o" "gcc" "CMakeFiles/ordo_http_test.dir/src/http/json_util_test.cc.o.d"
  "/work/main/src/http/metrics_test.cc" "CMakeFiles/ordo_http_test.dir/src/http/metrics_test.cc.o" "gcc" "CMakeFiles/ordo_http_test.dir/src/http/metrics_test.cc.o.d"
  "/work/main/src/http/problem_test.cc" "CMakeFiles/ordo_http_test.dir/src/http/problem_test.cc.o" "gcc" "CMakeFiles/ordo_http_test.dir/src/http/problem_test.cc.o.d"
  "/work/main/src/http/router_test.cc" "CMakeFiles/ordo_http_test.dir/src/http/router_test.cc.o" "gcc" "CMakeFiles/ordo_http_test.dir/src/http/router_test.cc.o.d"
  "/work/main/src/http/server_test.cc" "CMakeFiles/ordo_http_test.dir/src/http/server_test.cc.o" "gcc" "CMakeFiles/ordo_http_test.dir/src/http/server_test.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-demo/CMakeFiles/ordo_http.dir/DependInfo.cmake"
  "/work/main/build-demo/CMakeFiles/ordo_app.dir/DependInfo.cmake"
  "/work/main/build-demo/CMakeFiles/ordo_store_api.dir/DependInfo.cmake"
  "/work/main/build-demo/CMakeFiles/ordo_domain.dir/DependInfo.cmake"
  "/work/main/build-demo/CMakeFiles/ordo_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
