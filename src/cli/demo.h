// Demonstration data for `ordo serve --demo`: warehouses, a catalogue of Chinese products with
// stock, and a few hundred orders spread over every status, created through the real use cases.
#pragma once

#include "base/clock.h"
#include "store/store.h"

namespace ordo::cli {

// Loads the demo data set once: does nothing (and returns Ok) when the store already holds
// demo data. Orders are placed with timestamps spread over the past days using `clock` as the
// present; the data is the same on every run (a fixed seed).
Status LoadDemo(Store& store, const Clock& clock);

}  // namespace ordo::cli
