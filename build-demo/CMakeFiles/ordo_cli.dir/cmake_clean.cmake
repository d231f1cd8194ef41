file(REMOVE_RECURSE
  "CMakeFiles/ordo_cli.dir/src/cli/commands.cc.o"
  "CMakeFiles/ordo_cli.dir/src/cli/commands.cc.o.d"
  "libordo_cli.a"
  "libordo_cli.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ordo_cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
