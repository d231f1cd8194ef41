file(REMOVE_RECURSE
  "CMakeFiles/ordo_base_test.dir/src/base/clock_test.cc.o"
  "CMakeFiles/ordo_base_test.dir/src/base/clock_test.cc.o.d"
  "CMakeFiles/ordo_base_test.dir/src/base/money_test.cc.o"
  "CMakeFiles/ordo_base_test.dir/src/base/money_test.cc.o.d"
  "ordo_base_test"
  "ordo_base_test.pdb"
  "ordo_base_test[1]_tests.cmake"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_base_test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
