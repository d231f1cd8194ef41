file(REMOVE_RECURSE
  "libordo_store_sqlite.a"
)
