file(REMOVE_RECURSE
  "CMakeFiles/ordo_store_api.dir/src/store/codec.cc.o"
  "CMakeFiles/ordo_store_api.dir/src/store/codec.cc.o.d"
  "CMakeFiles/ordo_store_api.dir/src/store/store.cc.o"
  "CMakeFiles/ordo_store_api.dir/src/store/store.cc.o.d"
  "libordo_store_api.a"
  "libordo_store_api.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_store_api.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
