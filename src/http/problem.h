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

// `text` with every byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF) replaced by U+FFFD, so that echoing a request's
// bytes (a path, a field name) never makes an answer invalid JSON. Valid text is returned as is.
std::string ValidUtf8(std::string_view text);

// A problem+json response with an explicit HTTP status, for answers that no Kind describes.
// The detail, field names and messages are made valid UTF-8 (ValidUtf8) first.
Response MakeProblem(int http_status, Code code, std::string_view detail,
                     const std::vector<FieldError>& errors = {});

}  // namespace ordo::http
