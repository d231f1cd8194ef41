file(REMOVE_RECURSE
  "CMakeFiles/ordo_domain.dir/src/domain/catalog/catalog.cc.o"
  "CMakeFiles/ordo_domain.dir/src/domain/catalog/catalog.cc.o.d"
  "CMakeFiles/ordo_domain.dir/src/domain/inventory/allocation.cc.o"
  "CMakeFiles/ordo_domain.dir/src/domain/inventory/allocation.cc.o.d"
  "CMakeFiles/ordo_domain.dir/src/domain/inventory/stock.cc.o"
  "CMakeFiles/ordo_domain.dir/src/domain/inventory/stock.cc.o.d"
  "CMakeFiles/ordo_domain.dir/src/domain/order/intake.cc.o"
  "CMakeFiles/ordo_domain.dir/src/domain/order/intake.cc.o.d"
  "CMakeFiles/ordo_domain.dir/src/domain/order/order.cc.o"
  "CMakeFiles/ordo_domain.dir/src/domain/order/order.cc.o.d"
  "CMakeFiles/ordo_domain.dir/src/domain/order/status.cc.o"
  "CMakeFiles/ordo_domain.dir/src/domain/order/status.cc.o.d"
  "libordo_domain.a"
  "libordo_domain.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_domain.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
