
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/store/sqlite/db.cc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/db.cc.o" "gcc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/db.cc.o.d"
  "/work/main/src/store/sqlite/migrations.cc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/migrations.cc.o" "gcc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/migrations.cc.o.d"
  "/work/main/src/store/sqlite/queries.cc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/queries.cc.o" "gcc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/queries.cc.o.d"
  "/work/main/src/store/sqlite/sqlite_store.cc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/sqlite_store.cc.o" "gcc" "CMakeFiles/ordo_store_sqlite.dir/src/store/sqlite/sqlite_store.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-domain/CMakeFiles/ordo_store_api.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_domain.dir/DependInfo.cmake"
  "/work/main/build-domain/CMakeFiles/ordo_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
