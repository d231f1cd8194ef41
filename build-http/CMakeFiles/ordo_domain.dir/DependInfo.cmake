
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/domain/catalog/catalog.cc" "CMakeFiles/ordo_domain.dir/src/domain/catalog/catalog.cc.o" "gcc" "CMakeFiles/ordo_domain.dir/src/domain/catalog/catalog.cc.o.d"
  "/work/main/src/domain/inventory/allocation.cc" "CMakeFiles/ordo_domain.dir/src/domain/inventory/allocation.cc.o" "gcc" "CMakeFiles/ordo_domain.dir/src/domain/inventory/allocation.cc.o.d"
  "/work/main/src/domain/inventory/stock.cc" "CMakeFiles/ordo_domain.dir/src/domain/inventory/stock.cc.o" "gcc" "CMakeFiles/ordo_domain.dir/src/domain/inventory/stock.cc.o.d"
  "/work/main/src/domain/order/intake.cc" "CMakeFiles/ordo_domain.dir/src/domain/order/intake.cc.o" "gcc" "CMakeFiles/ordo_domain.dir/src/domain/order/intake.cc.o.d"
  "/work/main/src/domain/order/order.cc" "CMakeFiles/ordo_domain.dir/src/domain/order/order.cc.o" "gcc" "CMakeFiles/ordo_domain.dir/src/domain/order/order.cc.o.d"
  "/work/main/src/domain/order/status.cc" "CMakeFiles/ordo_domain.dir/src/domain/order/status.cc.o" "gcc" "CMakeFiles/ordo_domain.dir/src/domain/order/status.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-http/CMakeFiles/ordo_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
