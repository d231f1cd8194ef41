
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/domain/inventory/allocation_test.cc" "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/allocation_test.cc.o" "gcc" "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/allocation_test.cc.o.d"
  "/work/main/src/domain/inventory/stock_test.cc" "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/stock_test.cc.o" "gcc" "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/stock_test.cc.o.d"
  "/work/main/src/domain/order/intake_test.cc" "CMakeFiles/ordo_domain_test.dir/src/domain/order/intake_test.cc.o" "gcc" "CMakeFiles/ordo_domain_test.dir/src/domain/order/intake_test.cc.o.d"
  "/work/main/src/domain/order/order_test.cc" "CMakeFiles/ordo_domain_test.dir/src/domain/order/order_test.cc.o" "gcc" "CMakeFiles/ordo_domain_test.dir/src/domain/order/order_test.cc.o.d"
  "/work/main/src/domain/order/status_test.cc" "CMakeFiles/ordo_domain_test.dir/src/domain/order/status_test.cc.o" "gcc" "CMakeFiles/ordo_domain_test.dir/src/domain/order/status_test.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-domain/CMakeFiles/ordo_domain.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
