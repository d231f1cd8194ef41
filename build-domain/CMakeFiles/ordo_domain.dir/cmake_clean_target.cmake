file(REMOVE_RECURSE
  "libordo_domain.a"
)
