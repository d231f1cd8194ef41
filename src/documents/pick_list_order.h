// Internal: the order in which a pick list's lines are walked.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "documents/documents.h"

namespace ordo::documents {

// Compares storage locations as people read them: runs of digits compare by their value
// ("A-2" < "A-10"), everything else byte by byte. Locations that differ only in leading zeros
// ("A-02" and "A-2") are ordered by their bytes, so this is a strict weak order.
bool LocationLess(std::string_view a, std::string_view b);

// The indexes of `lines` sorted by location, then SKU; lines with equal keys keep their order.
std::vector<size_t> PickOrder(const std::vector<PickListLine>& lines);

}  // namespace ordo::documents
