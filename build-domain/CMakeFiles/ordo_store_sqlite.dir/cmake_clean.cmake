file(REMOVE_RECURSE
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/db.cc.o"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/db.cc.o.d"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/migrations.cc.o"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/migrations.cc.o.d"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/queries.cc.o"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/queries.cc.o.d"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/sqlite_store.cc.o"
  "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/sqlite_store.cc.o.d"
  "libordo_store_sqlite.a"
  "libordo_store_sqlite.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_store_sqlite.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
