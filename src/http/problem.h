// RFC 9457 problem+json responses. Response::Problem (server.h) covers every refusal that has a
// Status; the helpers here cover the few HTTP-level answers that have no Kind of their own
// (405 Method Not Allowed, 413 Content Too Large) and expose the Kind → status mapping.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/server.h"

namespace ordo::http {

// The HTTP status for a failure kind: kMalformed 400, kUnauthenticated 401, kForbidden 403,
// kNotFound 404, kConflict 409, kPreconditionFailed 412, kInvalid 422, kUnavailable 503,
// kInternal (and kOk, which is never a refusal) 500.
int HttpStatusFor(Kind kind);

// The short human title of an HTTP status ("Not Found"); "Error" for statuses Ordo never sends.
std::string_view HttpStatusTitle(int http_status);

// A problem+json response with an explicit HTTP status, for answers that no Kind describes.
Response MakeProblem(int http_status, Code code, std::string_view detail,
                     const std::vector<FieldError>& errors = {});

}  // namespace ordo::http
