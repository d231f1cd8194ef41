
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/app/access.cc" "CMakeFiles/ordo_app.dir/src/app/access.cc.o" "gcc" "CMakeFiles/ordo_app.dir/src/app/access.cc.o.d"
  "/work/main/src/app/catalog_commands.cc" "CMakeFiles/ordo_app.dir/src/app/catalog_commands.cc.o" "gcc" "CMakeFiles/ordo_app.dir/src/app/catalog_commands.cc.o.d"
  "/work/main/src/app/idempotency.cc" "CMakeFiles/ordo_app.dir/src/app/idempotency.cc.o" "gcc" "CMakeFiles/ordo_app.dir/src/app/idempotency.cc.o.d"
  "/work/main/src/app/order_transitions.cc" "CMakeFiles/ordo_app.dir/src/app/order_transitions.cc.o" "gcc" "CMakeFiles/ordo_app.dir/src/app/order_transitions.cc.o.d"
  "/work/main/src/app/place_order.cc" "CMakeFiles/ordo_app.dir/src/app/place_order.cc.o" "gcc" "CMakeFiles/ordo_app.dir/src/app/place_order.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-domain/CMakeFiles/ordo_domain.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_store_api.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
