// Plausibility of the region part of a mainland address (province and city), for the
// address_incomplete review rule (domain/anomaly/rules/address_incomplete.cc). Intake accepts any
// region text (a platform cannot re-send an order); these only decide whether the order is held
// for customer service to confirm the address.
#pragma once

#include <string_view>

namespace ordo {

// True when `province` names one of the 34 provincial-level divisions, in its full form
// ("广西壮族自治区", "上海市") or its short form ("广西", "上海"), ignoring surrounding spaces.
bool IsKnownProvince(std::string_view province);

// True when `city` can be a prefecture-level division of `province`: for the four
// municipalities the municipality itself (full or short form) or "市辖区" / "县"; for Hong Kong,
// Macao and Taiwan any non-empty text; elsewhere a name of at least one character before a
// prefecture suffix (市, 州, 盟, 地区) or the province's directly administered counties
// ("省直辖县级行政区划"), and never the province's own name. This is a structural check, not a
// gazetteer: it catches a missing, misplaced or made-up city part, not every misspelling.
bool IsPlausibleCity(std::string_view province, std::string_view city);

}  // namespace ordo
