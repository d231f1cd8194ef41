file(REMOVE_RECURSE
  "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/allocation_test.cc.o"
  "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/allocation_test.cc.o.d"
  "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/stock_test.cc.o"
  "CMakeFiles/ordo_domain_test.dir/src/domain/inventory/stock_test.cc.o.d"
  "CMakeFiles/ordo_domain_test.dir/src/domain/order/intake_test.cc.o"
  "CMakeFiles/ordo_domain_test.dir/src/domain/order/intake_test.cc.o.d"
  "CMakeFiles/ordo_domain_test.dir/src/domain/order/order_test.cc.o"
  "CMakeFiles/ordo_domain_test.dir/src/domain/order/order_test.cc.o.d"
  "CMakeFiles/ordo_domain_test.dir/src/domain/order/status_test.cc.o"
  "CMakeFiles/ordo_domain_test.dir/src/domain/order/status_test.cc.o.d"
  "ordo_domain_test"
  "ordo_domain_test.pdb"
  "ordo_domain_test[1]_tests.cmake"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_domain_test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
