file(REMOVE_RECURSE
  "libordo_store_api.a"
)
