file(REMOVE_RECURSE
  "CMakeFiles/ordo_base.dir/src/base/clock.cc.o"
  "CMakeFiles/ordo_base.dir/src/base/clock.cc.o.d"
  "CMakeFiles/ordo_base.dir/src/base/money.cc.o"
  "CMakeFiles/ordo_base.dir/src/base/money.cc.o.d"
  "CMakeFiles/ordo_base.dir/src/base/status.cc.o"
  "CMakeFiles/ordo_base.dir/src/base/status.cc.o.d"
  "libordo_base.a"
  "libordo_base.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_base.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
