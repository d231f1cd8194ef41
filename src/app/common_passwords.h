// The bundled list of common passwords (common_passwords.cc).
#pragma once

#include <cstddef>
#include <string_view>

namespace ordo::app {

// True when `lower_case` (already lower-cased) is on the list.
bool IsCommonPassword(std::string_view lower_case);
// How many entries the list has (for tests).
size_t CommonPasswordCount();

}  // namespace ordo::app
