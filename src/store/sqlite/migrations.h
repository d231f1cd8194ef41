// Versioned schema migrations for the embedded store, applied in order inside one transaction
// each; PRAGMA user_version records the last one applied.
#pragma once

#include "store/sqlite/db.h"

namespace ordo::sqlite {

// The schema version this build expects.
int LatestSchemaVersion();
// Applies every migration newer than the database's version. Refuses (kInternal) a database
// written by a newer build.
Status Migrate(Connection& conn);

}  // namespace ordo::sqlite
