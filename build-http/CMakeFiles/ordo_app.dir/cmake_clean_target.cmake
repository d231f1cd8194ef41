file(REMOVE_RECURSE
  "libordo_app.a"
)
