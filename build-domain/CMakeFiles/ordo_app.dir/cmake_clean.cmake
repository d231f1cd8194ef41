file(REMOVE_RECURSE
  "CMakeFiles/ordo_app.dir/src/app/access.cc.o"
  "CMakeFiles/ordo_app.dir/src/app/access.cc.o.d"
  "CMakeFiles/ordo_app.dir/src/app/catalog_commands.cc.o"
  "CMakeFiles/ordo_app.dir/src/app/catalog_commands.cc.o.d"
  "CMakeFiles/ordo_app.dir/src/app/idempotency.cc.o"
  "CMakeFiles/ordo_app.dir/src/app/idempotency.cc.o.d"
  "CMakeFiles/ordo_app.dir/src/app/order_transitions.cc.o"
  "CMakeFiles/ordo_app.dir/src/app/order_transitions.cc.o.d"
  "CMakeFiles/ordo_app.dir/src/app/place_order.cc.o"
  "CMakeFiles/ordo_app.dir/src/app/place_order.cc.o.d"
  "libordo_app.a"
  "libordo_app.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_app.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
