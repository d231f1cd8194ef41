// Decoding an enum from stored data (a document field or a row's column). A stored name that
// the enum's table does not know is corrupt data: it is reported, never read as a default, so
// an order whose status was damaged cannot come back as pending_payment and be acted on.
#pragma once

#include <string>
#include <string_view>

#include "base/enum_names.h"
#include "base/status.h"

namespace ordo {

// The value of E named `text`. On an unknown name: kInternal (the server answers 500) whose
// message names the stored field, e.g. `where` = "order P-1 status" gives
// `stored order P-1 status has an unknown value "weird"`.
template <NamedEnum E>
Result<E> DecodeStoredEnum(std::string_view where, std::string_view text) {
  if (const std::optional<E> value = ParseEnum<E>(text)) {
    return *value;
  }
  return Status::Internal("stored " + std::string(where) + " has an unknown value \"" +
                          std::string(text) + "\"");
}

}  // namespace ordo
