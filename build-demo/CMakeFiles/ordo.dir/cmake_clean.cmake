file(REMOVE_RECURSE
  "CMakeFiles/ordo.dir/src/main.cc.o"
  "CMakeFiles/ordo.dir/src/main.cc.o.d"
  "ordo"
  "ordo.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
