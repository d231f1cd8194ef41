file(REMOVE_RECURSE
  "libordo_base.a"
)
