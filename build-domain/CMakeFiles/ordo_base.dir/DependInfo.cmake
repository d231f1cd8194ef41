
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/base/clock.cc" "CMakeFiles/ordo_base.dir/src/base/clock.cc.o" "gcc" "CMakeFiles/ordo_base.dir/src/base/clock.cc.o.d"
  "/work/main/src/base/money.cc" "CMakeFiles/ordo_base.dir/src/base/money.cc.o" "gcc" "CMakeFiles/ordo_base.dir/src/base/money.cc.o.d"
  "/work/main/src/base/status.cc" "CMakeFiles/ordo_base.dir/src/base/status.cc.o" "gcc" "CMakeFiles/ordo_base.dir/src/base/status.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
