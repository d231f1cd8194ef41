// GET /api/v1/backups (backups:read) lists the backups and failed attempts; POST /api/v1/backups
// (backups:manage) takes one now (app/backups.h). Registered by `ordo serve`, which owns the
// backup service; the backup is written on `worker`, never on an HTTP thread.
#pragma once

#include "app/backups.h"
#include "http/api.h"
#include "http/worker_pool.h"

namespace ordo::http {

// `api`, `backups` and `worker` must outlive the router. `ordo openapi` registers the routes only
// to describe them, with null `backups` and `worker`: such a router must never answer.
void RegisterBackupRoutes(Router& router, const ApiContext& api, app::BackupService* backups,
                          WorkerPool* worker);
// The OpenAPI schemas of those routes, a JSON object text merged into the document.
const char* BackupSchemas();

}  // namespace ordo::http
