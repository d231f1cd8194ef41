// OpenAPI schemas of order imports (import_handlers.cc).
#include "http/routes.h"

namespace ordo::http {

const char* ImportSchemas() {
  return R"json({
  "ImportUpload": {"type": "object", "required": ["format", "file"], "description":
    "multipart/form-data; a session cookie's upload also sends X-Requested-With: XMLHttpRequest",
    "properties": {
    "format": {"type": "string", "enum": ["taobao", "jd", "pdd", "ordo"]},
    "file": {"type": "array", "items": {"type": "string", "format": "binary"}, "description":
      "the export file(s): for taobao the order list and, optionally, the item detail file"}}},
  "Import": {"type": "object", "properties": {
    "id": {"type": "integer"}, "format": {"type": "string"},
    "files": {"type": "array", "items": {"type": "string"}},
    "status": {"type": "string",
               "enum": ["queued", "running", "completed", "failed", "interrupted"]},
    "created_by": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "finished_at": {"type": "string", "format": "date-time", "nullable": true},
    "rows": {"type": "integer", "description": "orders read so far"},
    "accepted": {"type": "integer"}, "duplicate": {"type": "integer"},
    "rejected": {"type": "integer"},
    "progress": {"type": "object", "properties": {
      "bytes_read": {"type": "integer"}, "bytes_total": {"type": "integer"},
      "percent": {"type": "integer"}}},
    "error": {"type": "string", "description": "why a failed import could not read its files"}}},
  "ImportRow": {"type": "object", "properties": {
    "seq": {"type": "integer"}, "file": {"type": "string"},
    "row": {"type": "integer", "description": "the row in the file; the header is row 1"},
    "outcome": {"type": "string", "enum": ["accepted", "duplicate", "rejected"]},
    "external_id": {"type": "string"}, "order_no": {"type": "string"},
    "column": {"type": "string", "description": "rejected: the file's column at fault"},
    "code": {"type": "string"}, "reason": {"type": "string"}}},
  "ImportDetail": {"allOf": [{"$ref": "#/components/schemas/Import"}, {"type": "object",
    "properties": {"results": {"type": "object", "properties": {
      "data": {"type": "array", "items": {"$ref": "#/components/schemas/ImportRow"}},
      "next_cursor": {"type": "string", "nullable": true}}}}}]},
  "ImportPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Import"}},
    "next_cursor": {"type": "string", "nullable": true}}}
})json";
}

}  // namespace ordo::http
