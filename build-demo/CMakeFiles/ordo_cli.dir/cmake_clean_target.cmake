file(REMOVE_RECURSE
  "libordo_cli.a"
)
