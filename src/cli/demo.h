// Demonstration data for `ordo serve --demo`: warehouses, a catalogue of Chinese products with
// stock, and a few hundred orders spread over every status, created through the real use cases.
#pragma once

#include <span>

#include "base/clock.h"
#include "store/store.h"

namespace ordo::cli {

// One staff account per role of the console, created with the demo data (README.md lists
// them). Every demo account has the password kDemoPassword: demonstration data only.
struct DemoAccount {
  const char* username;
  const char* role;
  const char* display_name;
  const char* department;
};
inline constexpr char kDemoPassword[] = "Longjing-2025";
std::span<const DemoAccount> DemoAccounts();

// Loads the demo data set once: does nothing (and returns Ok) when the store already holds
// demo data. Orders are placed with timestamps spread over the past days using `clock` as the
// present; the data is the same on every run (a fixed seed). The demo accounts that do not
// exist yet are created too, also in a store that already holds the demo data.
Status LoadDemo(Store& store, const Clock& clock);

}  // namespace ordo::cli
