#include "http/login_throttle.h"

#include <algorithm>

namespace ordo::http {

LoginThrottle::Entry& LoginThrottle::At(std::unordered_map<std::string, Entry>& map,
                                        std::string_view key, int64_t now_ms) {
  auto it = map.find(std::string(key));
  if (it == map.end()) {
    if (map.size() >= options_.max_entries) {
      Trim(map, now_ms);
    }
    it = map.emplace(std::string(key), Entry{}).first;
  } else if (it->second.in_flight == 0 &&
             now_ms - it->second.last_failure_ms >= options_.forget_after_ms) {
    it->second = Entry{};
  }
  return it->second;
}

void LoginThrottle::Trim(std::unordered_map<std::string, Entry>& map, int64_t now_ms) {
  std::erase_if(map, [&](const auto& item) {
    return item.second.in_flight == 0 &&
           now_ms - item.second.last_failure_ms >= options_.forget_after_ms;
  });
  if (map.size() >= options_.max_entries) {
    std::erase_if(map, [](const auto& item) { return item.second.in_flight == 0; });
  }
}

void LoginThrottle::Fail(Entry& entry, int free_failures, int64_t now_ms) const {
  entry.failures += 1;
  entry.last_failure_ms = now_ms;
  const int beyond = entry.failures - free_failures;
  if (beyond <= 0) {
    return;
  }
  int64_t delay = options_.first_delay_ms;
  for (int i = 1; i < beyond && delay < options_.max_delay_ms; ++i) {
    delay *= 2;
  }
  entry.next_allowed_ms = now_ms + std::min(delay, options_.max_delay_ms);
}

LoginThrottle::Admission LoginThrottle::Admit(std::string_view client, std::string_view name,
                                              int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Entry& by_client = At(clients_, client, now_ms);
  if (by_client.next_allowed_ms > now_ms ||
      by_client.in_flight >= options_.max_in_flight_per_client) {
    return {false, std::max<int64_t>(1000, by_client.next_allowed_ms - now_ms), true};
  }
  Entry& by_name = At(names_, name, now_ms);
  if (by_name.next_allowed_ms > now_ms) {
    return {false, by_name.next_allowed_ms - now_ms, false};
  }
  by_client.in_flight += 1;
  by_name.in_flight += 1;
  return {true, 0, false};
}

void LoginThrottle::Finish(std::string_view client, std::string_view name, bool failed,
                           int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Entry& by_client = At(clients_, client, now_ms);
  Entry& by_name = At(names_, name, now_ms);
  by_client.in_flight = std::max(0, by_client.in_flight - 1);
  by_name.in_flight = std::max(0, by_name.in_flight - 1);
  if (failed) {
    Fail(by_client, options_.client_free_failures, now_ms);
    Fail(by_name, options_.name_free_failures, now_ms);
  } else {
    by_name = Entry{};
  }
}

}  // namespace ordo::http
