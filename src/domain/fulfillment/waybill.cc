#include "domain/fulfillment/waybill.h"

namespace ordo {
namespace {

constexpr size_t kMaxPrefix = 8;
constexpr size_t kMaxNote = 500;
constexpr int kMaxDigits = 18;

int Width(int64_t number) {
  int width = 1;
  while (number >= 10) {
    number /= 10;
    ++width;
  }
  return width;
}

bool PrefixCharactersValid(const std::string& prefix) {
  for (char c : prefix) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string WaybillRange::Format(int64_t number) const {
  std::string text = std::to_string(number);
  if (static_cast<int>(text.size()) < digits) {
    text.insert(0, static_cast<size_t>(digits) - text.size(), '0');
  }
  return prefix + text;
}

Status PrepareWaybillRange(WaybillRange& range) {
  std::vector<FieldError> errors;
  if (range.carrier.empty()) {
    errors.push_back({"carrier", Code::kRequired, "carrier is required"});
  }
  if (range.prefix.size() > kMaxPrefix || !PrefixCharactersValid(range.prefix)) {
    errors.push_back(
        {"prefix", Code::kInvalidValue, "prefix must be at most 8 characters of A-Z 0-9"});
  }
  const bool bounds_ok = range.first_no >= 0 && range.last_no >= range.first_no;
  if (range.first_no < 0) {
    errors.push_back({"first_no", Code::kInvalidValue, "first_no must not be negative"});
  }
  if (range.last_no < range.first_no) {
    errors.push_back({"last_no", Code::kInvalidValue, "last_no must not be below first_no"});
  } else if (bounds_ok && range.last_no - range.first_no >= kMaxWaybillRangeSize) {
    errors.push_back({"last_no", Code::kInvalidValue,
                      "a range holds at most " + std::to_string(kMaxWaybillRangeSize) +
                          " numbers: load it in parts"});
  }
  if (range.digits == 0 && bounds_ok) {
    range.digits = Width(range.last_no);
  }
  if (range.digits < 1 || range.digits > kMaxDigits ||
      (bounds_ok && Width(range.last_no) > range.digits)) {
    errors.push_back(
        {"digits", Code::kInvalidValue, "digits must be 1..18 and wide enough for last_no"});
  }
  if (range.note.size() > kMaxNote) {
    errors.push_back({"note", Code::kInvalidValue, "note is too long"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  range.next_no = range.first_no;
  return Status::Ok();
}

bool WaybillRangesOverlap(const WaybillRange& a, const WaybillRange& b) {
  return a.carrier == b.carrier && a.prefix == b.prefix && a.digits == b.digits &&
         a.first_no <= b.last_no && b.first_no <= a.last_no;
}

std::vector<WaybillStock> WaybillStocks(const std::vector<std::string>& carriers,
                                        const std::vector<WaybillRange>& ranges,
                                        int64_t threshold) {
  std::vector<WaybillStock> stocks;
  for (const std::string& carrier : carriers) {
    WaybillStock stock{carrier, 0, threshold, 0};
    for (const WaybillRange& range : ranges) {
      if (range.carrier == carrier && range.remaining() > 0) {
        stock.remaining += range.remaining();
        stock.ranges += 1;
      }
    }
    stocks.push_back(std::move(stock));
  }
  return stocks;
}

}  // namespace ordo
