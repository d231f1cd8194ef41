file(REMOVE_RECURSE
  "libordo_http.a"
)
