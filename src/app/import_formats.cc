#include "app/import_formats.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "base/limits.h"
#include "store/pii_cipher.h"

namespace ordo::app {
namespace {

constexpr size_t kBlockBytes = 64 * 1024;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Trims ASCII white space and the ideographic space (U+3000, E3 80 80) from both ends.
std::string_view Trim(std::string_view text) {
  while (true) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                          text.front() == '\n')) {
      text.remove_prefix(1);
    } else if (StartsWith(text, "\xE3\x80\x80")) {
      text.remove_prefix(3);
    } else {
      break;
    }
  }
  while (true) {
    if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                          text.back() == '\n')) {
      text.remove_suffix(1);
    } else if (EndsWith(text, "\xE3\x80\x80")) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

// The length of the valid UTF-8 prefix of `bytes`, allowing a sequence cut at the end.
// The length of the longest prefix of `bytes` that is whole UTF-8 characters; `cut` says
// whether what follows is only the start of a character cut at the block's end.
size_t Utf8Prefix(std::string_view bytes, bool& cut) {
  cut = false;
  size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0) {
      return i;
    }
    for (size_t k = 1; k < length; ++k) {
      if (i + k >= bytes.size()) {
        cut = true;  // cut at the end of the block
        return i;
      }
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) {
        return i;
      }
    }
    i += length;
  }
  return i;
}

bool LooksLikeUtf8(std::string_view bytes) {
  bool cut = false;
  return Utf8Prefix(bytes, cut) == bytes.size() || cut;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Formats and cells

std::optional<ImportFormat> ParseImportFormat(std::string_view name) {
  return ParseEnum<ImportFormat>(name);
}

std::string_view ImportFormatName(ImportFormat format) {
  return Name(format);
}

const std::vector<std::string>& OrdoOrderColumns() {
  static const std::vector<std::string> kColumns = {
      "order_no",         "channel",          "external_id",    "status",
      "created_at",       "paid_at",          "payment_method", "shipping_service",
      "member_id",        "customer_name",    "customer_phone", "consignee_name",
      "consignee_phone",  "province",         "city",           "district",
      "address_detail",   "division_code",    "buyer_note",     "total_amount",
      "line_no",          "sku",              "name",           "quantity",
      "unit_price",       "line_amount"};
  return kColumns;
}

std::string CleanCell(std::string_view cell) {
  std::string_view text = Trim(cell);
  // ="0123" keeps a number as text in Excel; so do a leading tab or apostrophe.
  if (text.size() >= 3 && text[0] == '=' && text[1] == '"' && text.back() == '"') {
    text = text.substr(2, text.size() - 3);
  }
  while (!text.empty() && (text.front() == '\t' || text.front() == '\'' || text.front() == '`')) {
    text.remove_prefix(1);
  }
  return std::string(Trim(text));
}

std::optional<int64_t> ParseYuan(std::string_view text) {
  text = Trim(text);
  if (StartsWith(text, "\xC2\xA5")) {  // ¥
    text.remove_prefix(2);
  } else if (StartsWith(text, "\xEF\xBF\xA5")) {  // ￥
    text.remove_prefix(3);
  }
  text = Trim(text);
  if (text.empty()) {
    return std::nullopt;
  }
  int64_t yuan = 0;
  int64_t fen = 0;
  int decimals = -1;  // -1: no decimal point yet
  bool digits = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ',' && decimals < 0 && digits) {
      continue;  // a thousands separator
    }
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    digits = true;
    if (decimals < 0) {
      // yuan * 100 + 99 must stay inside int64 ("92233720368547759" yuan does not).
      if (yuan > ((INT64_MAX - 99) / 100 - 9) / 10) {
        return std::nullopt;
      }
      yuan = yuan * 10 + (c - '0');
    } else {
      if (++decimals > 2) {
        if (c != '0') {
          return std::nullopt;  // 12.345 is not an amount in fen
        }
        continue;
      }
      fen = fen * 10 + (c - '0');
    }
  }
  if (!digits) {
    return std::nullopt;
  }
  if (decimals == 1) {
    fen *= 10;
  }
  return yuan * 100 + fen;
}

namespace {

// Reads 1–`max` digits at text[pos…], advancing pos.
bool ReadNumber(std::string_view text, size_t& pos, size_t max, int& value) {
  size_t start = pos;
  value = 0;
  while (pos < text.size() && pos - start < max && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  return pos > start;
}

}  // namespace

std::optional<Timestamp> ParsePlatformTime(std::string_view text) {
  text = Trim(text);
  size_t pos = 0;
  int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
  if (!ReadNumber(text, pos, 4, y) || pos != 4 || pos >= text.size() ||
      (text[pos] != '-' && text[pos] != '/')) {
    return std::nullopt;
  }
  const char separator = text[pos++];
  if (!ReadNumber(text, pos, 2, m) || pos >= text.size() || text[pos++] != separator ||
      !ReadNumber(text, pos, 2, d)) {
    return std::nullopt;
  }
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T') {
      return std::nullopt;
    }
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
      ++pos;
    }
    if (!ReadNumber(text, pos, 2, hh) || pos >= text.size() || text[pos++] != ':' ||
        !ReadNumber(text, pos, 2, mm)) {
      return std::nullopt;
    }
    if (pos < text.size()) {
      if (text[pos++] != ':' || !ReadNumber(text, pos, 2, ss)) {
        return std::nullopt;
      }
    }
    if (pos != text.size() || hh > 23 || mm > 59 || ss > 59) {
      return std::nullopt;
    }
  }
  char date[48];  // 10 characters: the fields have at most 4, 2 and 2 digits
  std::snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
  Result<Timestamp> day = ParseDate(date);
  if (!day.ok()) {
    return std::nullopt;
  }
  // The platforms write China Standard Time (UTC+8).
  return Timestamp{day->unix_ms + ((hh - 8) * 3600LL + mm * 60LL + ss) * 1000};
}

namespace {

// Splits `text` after the first of `suffixes` found (within a sensible length), e.g. "浙江省".
std::optional<size_t> PartEnd(std::string_view text, const std::vector<std::string_view>& suffixes,
                              size_t max_bytes) {
  size_t best = std::string_view::npos;
  for (std::string_view suffix : suffixes) {
    const size_t at = text.find(suffix);
    if (at != std::string_view::npos && at > 0 && at + suffix.size() <= max_bytes) {
      best = std::min(best, at + suffix.size());
    }
  }
  if (best == std::string_view::npos) {
    return std::nullopt;
  }
  return best;
}

// Provinces as the platforms often write them, without 省 or 自治区 ("广东深圳市…"), with the
// names intake's address rules know.
const std::vector<std::pair<std::string_view, std::string_view>>& ShortProvinces() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kNames = {
      {"北京", "北京市"},   {"天津", "天津市"},   {"上海", "上海市"},   {"重庆", "重庆市"},
      {"河北", "河北省"},   {"山西", "山西省"},   {"辽宁", "辽宁省"},   {"吉林", "吉林省"},
      {"黑龙江", "黑龙江省"}, {"江苏", "江苏省"},   {"浙江", "浙江省"},   {"安徽", "安徽省"},
      {"福建", "福建省"},   {"江西", "江西省"},   {"山东", "山东省"},   {"河南", "河南省"},
      {"湖北", "湖北省"},   {"湖南", "湖南省"},   {"广东", "广东省"},   {"海南", "海南省"},
      {"四川", "四川省"},   {"贵州", "贵州省"},   {"云南", "云南省"},   {"陕西", "陕西省"},
      {"甘肃", "甘肃省"},   {"青海", "青海省"},   {"台湾", "台湾省"},
      {"内蒙古", "内蒙古自治区"}, {"广西", "广西壮族自治区"}, {"西藏", "西藏自治区"},
      {"宁夏", "宁夏回族自治区"}, {"新疆", "新疆维吾尔自治区"},
      {"香港", "香港特别行政区"}, {"澳门", "澳门特别行政区"}};
  return kNames;
}

// The province's full name for a short one ("广东" → "广东省"), else the text itself.
std::string FullProvince(std::string_view province) {
  for (const auto& [short_name, full] : ShortProvinces()) {
    if (province == short_name) {
      return std::string(full);
    }
  }
  return std::string(province);
}

bool IsMunicipality(std::string_view province) {
  for (std::string_view city : {"北京", "上海", "天津", "重庆"}) {
    if (StartsWith(province, city)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Address SplitAddress(std::string_view text) {
  text = Trim(text);
  // A postcode in brackets at the end ("…100号(310000)"), as Taobao writes it.
  if (text.size() > 8 && text.back() == ')') {
    const size_t open = text.rfind('(');
    if (open != std::string_view::npos && text.size() - open == 8) {
      text = Trim(text.substr(0, open));
    }
  }
  Address address;
  std::vector<std::string_view> parts;
  std::string_view rest = text;
  // Space-separated: "浙江省 杭州市 西湖区 文三路100号".
  for (int i = 0; i < 3; ++i) {
    const size_t space = rest.find(' ');
    if (space == std::string_view::npos) {
      break;
    }
    parts.push_back(rest.substr(0, space));
    rest = Trim(rest.substr(space + 1));
  }
  if (parts.size() == 3) {
    address.province = FullProvince(parts[0]);
    address.city = std::string(parts[1]);
    address.district = std::string(parts[2]);
    address.detail = std::string(rest);
    return address;
  }
  // Written together: "上海市浦东新区世纪大道100号", "广东省深圳市南山区科技园1号".
  rest = text;
  std::erase(parts, std::string_view());
  const std::vector<std::string_view> province_ends = {"自治区", "特别行政区", "省", "市"};
  std::optional<size_t> province_end;
  for (const auto& [short_name, full] : ShortProvinces()) {
    if (StartsWith(rest, full)) {
      province_end = full.size();
      break;
    }
    if (StartsWith(rest, short_name)) {
      province_end = short_name.size();
    }
  }
  if (!province_end) {
    province_end = PartEnd(rest, province_ends, 30);
  }
  if (province_end) {
    address.province = FullProvince(rest.substr(0, *province_end));
    rest = rest.substr(*province_end);
  } else {
    address.detail = std::string(text);
    return address;
  }
  if (IsMunicipality(address.province)) {
    address.city = address.province;
  } else if (auto end = PartEnd(rest, {"自治州", "地区", "盟", "市"}, 30)) {
    address.city = std::string(rest.substr(0, *end));
    rest = rest.substr(*end);
  }
  if (auto end = PartEnd(rest, {"新区", "区", "县", "旗", "市"}, 24)) {
    address.district = std::string(rest.substr(0, *end));
    rest = rest.substr(*end);
  }
  address.detail = std::string(Trim(rest));
  return address;
}

PlatformState ParsePlatformState(std::string_view raw) {
  const std::string text = CleanCell(raw);
  auto has = [&](std::string_view word) { return text.find(word) != std::string::npos; };
  if (has("关闭") || has("取消") || has("锁定") || text == "closed" || text == "cancelled") {
    return PlatformState::kClosed;
  }
  if (has("等待买家付款") || has("等待付款") || has("待支付") || has("未支付") ||
      has("待付款") || text == "pending_payment") {
    return PlatformState::kUnpaid;
  }
  if (has("部分发货") || has("已发货") || has("卖家已发货") || has("交易成功") ||
      has("完成") || has("确认收货") || has("已签收") || has("已收货") || text == "shipped" ||
      text == "delivered" || text == "completed") {
    return PlatformState::kShipped;
  }
  if (has("等待卖家发货") || has("待发货") || has("等待出库") || has("已付款") ||
      text == "paid" || text == "pending_review" || text == "awaiting_fulfillment" ||
      text == "picking" || text == "packed") {
    return PlatformState::kPaid;
  }
  return PlatformState::kUnknown;
}

std::string ImportedOrder::ColumnFor(std::string_view field) const {
  // The longest known prefix: "lines[0].sku" → "lines[].sku" or "lines"; "consignee.phone".
  std::string key(field);
  const size_t bracket = key.find('[');
  if (bracket != std::string::npos) {
    const size_t close = key.find(']', bracket);
    if (close != std::string::npos) {
      key.erase(bracket + 1, close - bracket - 1);
    }
  }
  while (!key.empty()) {
    if (auto it = columns.find(key); it != columns.end()) {
      return it->second;
    }
    const size_t dot = key.find_last_of(".[");
    if (dot == std::string::npos) {
      break;
    }
    key.resize(dot);
  }
  return std::string(field);
}

// ---------------------------------------------------------------------------------------------
// Encoding and CSV

Utf8Source::~Utf8Source() {
  if (iconv_ != nullptr) {
    iconv_close(static_cast<iconv_t>(iconv_));
  }
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

Result<std::unique_ptr<Utf8Source>> Utf8Source::Open(const std::string& path,
                                                      const PiiCipher* sealed) {
  std::unique_ptr<Utf8Source> source(new Utf8Source());
  source->sealed_ = sealed;
  source->file_ = std::fopen(path.c_str(), "rb");
  if (source->file_ == nullptr) {
    return Status::Invalid("files", Code::kInvalidValue, "cannot open " + path);
  }
  if (std::fseek(source->file_, 0, SEEK_END) == 0) {
    source->bytes_total_ = std::max<long>(0, std::ftell(source->file_));
  }
  std::rewind(source->file_);
  return source;
}

Result<size_t> Utf8Source::ReadRaw(char* to, size_t size) {
  if (sealed_ == nullptr) {
    const size_t got = std::fread(to, 1, size, file_);
    if (got < size && std::ferror(file_)) {
      return Status::Invalid("files", Code::kInvalidValue, "the file could not be read");
    }
    bytes_read_ += static_cast<int64_t>(got);
    return got;
  }
  const Status damaged =
      Status::Invalid("files", Code::kInvalidValue, "the stored upload is damaged");
  size_t got = 0;
  while (got < size) {
    if (plain_pos_ == plain_.size()) {
      unsigned char head[4];
      const size_t head_bytes = std::fread(head, 1, sizeof head, file_);
      if (head_bytes == 0 && !std::ferror(file_)) {
        break;  // the end of the file
      }
      if (head_bytes < sizeof head) {
        return damaged;
      }
      const uint32_t sealed_size = static_cast<uint32_t>(head[0]) |
                                   static_cast<uint32_t>(head[1]) << 8 |
                                   static_cast<uint32_t>(head[2]) << 16 |
                                   static_cast<uint32_t>(head[3]) << 24;
      if (sealed_size > 4 * kBlockBytes) {
        return damaged;
      }
      std::string sealed(sealed_size, '\0');
      if (std::fread(sealed.data(), 1, sealed_size, file_) != sealed_size) {
        return damaged;
      }
      bytes_read_ += static_cast<int64_t>(sizeof head + sealed_size);
      Result<std::string> plain = sealed_->Open(sealed);
      if (!plain.ok()) {
        return damaged;
      }
      plain_ = std::move(*plain);
      plain_pos_ = 0;
      continue;
    }
    const size_t take = std::min(size - got, plain_.size() - plain_pos_);
    std::memcpy(to + got, plain_.data() + plain_pos_, take);
    got += take;
    plain_pos_ += take;
  }
  return got;
}

Result<bool> Utf8Source::Read(std::string& out) {
  if (!failure_.ok()) {
    return failure_;
  }
  if (eof_) {
    return false;
  }
  std::string raw = std::move(pending_);
  pending_.clear();
  const size_t had = raw.size();
  raw.resize(had + kBlockBytes);
  ORDO_ASSIGN_OR_RETURN(const size_t got, ReadRaw(raw.data() + had, kBlockBytes));
  raw.resize(had + got);
  if (got < kBlockBytes) {
    eof_ = true;
  }
  std::string_view bytes = raw;
  if (first_) {
    first_ = false;
    if (StartsWith(bytes, "\xEF\xBB\xBF")) {
      bytes.remove_prefix(3);
    } else if (!LooksLikeUtf8(bytes)) {
      iconv_t handle = iconv_open("UTF-8", "GB18030");
      if (handle == reinterpret_cast<iconv_t>(-1)) {
        return Status::Internal("iconv cannot convert from GB18030");
      }
      iconv_ = handle;
      encoding_ = "GB18030";
    }
  }
  if (iconv_ == nullptr) {
    bool cut = false;
    const size_t whole = Utf8Prefix(bytes, cut);
    out.append(bytes.substr(0, whole));
    if (whole < bytes.size()) {
      if (cut && !eof_) {
        pending_.assign(bytes.substr(whole));  // a character cut by the block's end
      } else {
        // The rows before the bad byte are handed out first; the error comes on the next call.
        failure_ = Status::Invalid("files", Code::kInvalidValue,
                                   "the file is not valid UTF-8 here (a byte it cannot be)");
        eof_ = true;
        return whole > 0 ? Result<bool>(true) : Result<bool>(failure_);
      }
    }
    return whole > 0 || !eof_;
  }
  std::string converted(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* to = converted.data();
  size_t to_left = converted.size();
  while (in_left > 0) {
    const size_t done = iconv(static_cast<iconv_t>(iconv_), &in, &in_left, &to, &to_left);
    if (done != static_cast<size_t>(-1)) {
      break;
    }
    if (errno == EINVAL && !eof_) {
      pending_.assign(in, in_left);  // a character cut by the block's end
      break;
    }
    if (errno == E2BIG) {
      const size_t used = converted.size() - to_left;
      converted.resize(converted.size() * 2);
      to = converted.data() + used;
      to_left = converted.size() - used;
      continue;
    }
    // The rows before the bad byte are handed out first; the error comes on the next call.
    failure_ = Status::Invalid("files", Code::kInvalidValue,
                               "the file is neither UTF-8 nor GB18030 (a byte it cannot be)");
    eof_ = true;
    break;
  }
  converted.resize(converted.size() - to_left);
  out.append(converted);
  return true;
}

Result<bool> CsvReader::Fill() {
  if (eof_) {
    return false;
  }
  buffer_.erase(0, pos_);
  pos_ = 0;
  while (pos_ >= buffer_.size()) {
    ORDO_ASSIGN_OR_RETURN(bool more, source_->Read(buffer_));
    if (!more) {
      eof_ = true;
      return pos_ < buffer_.size();
    }
  }
  return true;
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool any = false;
  bool in_quotes = false;
  bool after_quote = false;  // a quote seen inside quotes: the end, or the first of ""
  while (true) {
    if (pos_ >= buffer_.size()) {
      Result<bool> more = Fill();
      if (!more.ok()) {
        return Status::Invalid("files", Code::kInvalidValue,
                               "row " + std::to_string(record_ + 1) + ": " +
                                   more.status().message());
      }
      if (!*more) {
        if (!any) {
          return false;
        }
        if (in_quotes) {
          return Status::Invalid("files", Code::kInvalidValue,
                                 "row " + std::to_string(record_ + 1) +
                                     ": the file ends inside a quoted cell (it is cut short)");
        }
        fields.push_back(std::move(field));
        ++record_;
        return true;
      }
    }
    const char c = buffer_[pos_++];
    any = true;
    if (in_quotes) {
      if (c == '"') {
        in_quotes = false;
        after_quote = true;
      } else {
        field += c;
      }
      continue;
    }
    if (after_quote) {
      after_quote = false;
      if (c == '"') {
        field += '"';
        in_quotes = true;
        continue;
      }
    }
    if (c == '"' && field.empty()) {
      in_quotes = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      fields.push_back(std::move(field));
      ++record_;
      return true;
    } else if (c != '\r') {
      field += c;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The formats

namespace {

// A header row: column name → index, names trimmed (Taobao writes "收货地址 " with a space).
class Header {
 public:
  void Read(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      index_.emplace(CleanCell(fields[i]), i);
    }
  }
  bool Has(std::string_view name) const { return index_.count(std::string(name)) > 0; }
  // The first of `names` present, or "".
  std::string First(std::initializer_list<std::string_view> names) const {
    for (std::string_view name : names) {
      if (Has(name)) {
        return std::string(name);
      }
    }
    return "";
  }
  std::string Cell(const std::vector<std::string>& row, const std::string& name) const {
    if (name.empty()) {
      return "";
    }
    auto it = index_.find(name);
    if (it == index_.end() || it->second >= row.size()) {
      return "";
    }
    return CleanCell(row[it->second]);
  }

 private:
  std::unordered_map<std::string, size_t> index_;
};

bool Blank(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(),
                     [](const std::string& cell) { return Trim(cell).empty(); });
}

Status MissingColumns(const std::string& name, const Header& header,
                      std::initializer_list<std::string_view> required) {
  std::string missing;
  for (std::string_view column : required) {
    if (!header.Has(column)) {
      missing += (missing.empty() ? "" : ", ") + std::string(column);
    }
  }
  if (missing.empty()) {
    return Status::Ok();
  }
  return Status::Invalid("files", Code::kInvalidValue,
                         name + " lacks the column(s) " + missing +
                             " of this format; is it the right file and --format?");
}

// A file without any of `alternatives` (the names the platforms give one column, e.g. the SKU)
// cannot give a single row its value: refused as a whole, naming them.
Status MissingOneOf(const std::string& name, const Header& header, std::string_view what,
                    std::initializer_list<std::string_view> alternatives) {
  std::string names;
  for (std::string_view column : alternatives) {
    if (header.Has(column)) {
      return Status::Ok();
    }
    names += (names.empty() ? "" : ", ") + std::string(column);
  }
  return Status::Invalid("files", Code::kInvalidValue,
                         name + " has no column for " + std::string(what) + " (one of " + names +
                             "); is it the right file and --format?");
}

void Problem(ImportedOrder& order, std::string column, Code code, std::string reason) {
  if (!order.problem) {
    order.problem = ImportProblem{std::move(column), code, std::move(reason)};
  }
}

// Sets the state of `order` from the platform's status cell.
void ApplyState(ImportedOrder& order, const std::string& column, const std::string& cell) {
  switch (ParsePlatformState(cell)) {
    case PlatformState::kUnpaid:
      order.paid = false;
      break;
    case PlatformState::kPaid:
      order.paid = true;
      break;
    case PlatformState::kClosed:
      Problem(order, column, Code::kInvalidValue,
              "the platform closed or cancelled this order (" + cell + "): nothing to fulfil");
      break;
    case PlatformState::kShipped:
      Problem(order, column, Code::kInvalidValue,
              "the order was already shipped on the platform (" + cell + ")");
      break;
    case PlatformState::kUnknown:
      Problem(order, column, Code::kInvalidValue, "unknown order status '" + cell + "'");
      break;
  }
}

void ReadTimes(ImportedOrder& order, const std::string& paid_column, const std::string& paid_cell) {
  if (!paid_cell.empty()) {
    order.paid_at = ParsePlatformTime(paid_cell);
    if (!order.paid_at) {
      Problem(order, paid_column, Code::kInvalidValue,
              "'" + paid_cell + "' is not a time (2026-11-11 10:00:00)");
    }
  }
}

// A quantity cell: a positive whole number.
std::optional<Quantity> ReadQuantity(ImportedOrder& order, const std::string& column,
                                     const std::string& cell) {
  Quantity quantity = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), quantity);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || quantity <= 0) {
    Problem(order, column, Code::kInvalidValue, "'" + cell + "' is not a quantity");
    return std::nullopt;
  }
  if (quantity > kMaxQuantity) {
    Problem(order, column, Code::kInvalidValue,
            "'" + cell + "' is more than " + std::to_string(kMaxQuantity) + " units");
    return std::nullopt;
  }
  return quantity;
}

// An amount cell in yuan; empty is allowed (nullopt), anything else must be an amount.
std::optional<int64_t> ReadAmount(ImportedOrder& order, const std::string& column,
                                  const std::string& cell) {
  if (cell.empty()) {
    return std::nullopt;
  }
  std::optional<int64_t> fen = ParseYuan(cell);
  if (!fen) {
    Problem(order, column, Code::kInvalidValue,
            "'" + cell + "' is not an amount in yuan (two decimals)");
  } else if (*fen > kMaxAmount) {
    Problem(order, column, Code::kInvalidValue,
            "'" + cell + "' is more than " + std::to_string(kMaxAmount / 100) + " yuan");
    return std::nullopt;
  }
  return fen;
}

// A line at the platform's unit price: the catalogue decides unless the platform's differs, in
// which case intake records it as a deliberate price and review holds the order for a person.
NewOrderLine Line(std::string sku, Quantity quantity, std::optional<int64_t> unit_price,
                  std::string_view platform) {
  NewOrderLine line;
  line.sku = std::move(sku);
  line.quantity = quantity;
  if (unit_price) {
    line.unit_price_amount = unit_price;
    line.price_override_reason = std::string(platform) + " price";
  }
  return line;
}

// The common part of each platform's order: online payment, the consignee as the customer.
void Consignee(ImportedOrder& order, std::string name, std::string phone, Address address) {
  order.order.payment_method = "online";
  order.order.consignee.name = std::move(name);
  order.order.consignee.phone = std::move(phone);
  order.order.consignee.address = std::move(address);
  order.order.customer.name = order.order.consignee.name;
  order.order.customer.phone = order.order.consignee.phone;
}

// A reader of one CSV file with its header.
struct Table {
  std::string name;
  std::unique_ptr<CsvReader> csv;
  Header header;
  std::vector<std::string> row;  // the current row
  bool has_row = false;

  static Result<Table> Open(const std::string& path, const std::string& name,
                            const PiiCipher* sealed) {
    ORDO_ASSIGN_OR_RETURN(std::unique_ptr<Utf8Source> source, Utf8Source::Open(path, sealed));
    Table table;
    table.name = name;
    table.csv = std::make_unique<CsvReader>(std::move(source));
    std::vector<std::string> header;
    Result<bool> got = table.csv->Next(header);
    if (!got.ok()) {
      return Status::Invalid("files", Code::kInvalidValue, name + ": " + got.status().message());
    }
    if (!*got) {
      return Status::Invalid("files", Code::kInvalidValue, name + " is empty");
    }
    table.header.Read(header);
    return table;
  }
  // Moves to the next non-blank row; false at the end. An error names the file and the row.
  Result<bool> Advance() {
    while (true) {
      Result<bool> next = csv->Next(row);
      if (!next.ok()) {
        has_row = false;
        return Status::Invalid("files", Code::kInvalidValue,
                               name + ", " + next.status().message());
      }
      has_row = *next;
      if (!has_row || !Blank(row)) {
        return has_row;
      }
    }
  }
  // The row being read when Advance failed.
  OrderFileReader::Position Here() const { return {name, csv->record() + 1}; }
  std::string Cell(const std::string& column) const { return header.Cell(row, column); }
};

// Rows of one order are adjacent in JD's, Pinduoduo's and Ordo's files (one row per line):
// this reads them as groups with the same order number.
class GroupedReader : public OrderFileReader {
 public:
  GroupedReader(Table table, std::string key) : table_(std::move(table)), key_(std::move(key)) {}

  Result<std::optional<ImportedOrder>> Next() override {
    if (!started_) {
      started_ = true;
      ORDO_RETURN_IF_ERROR(table_.Advance().status());
    }
    if (!table_.has_row) {
      return std::optional<ImportedOrder>();
    }
    ImportedOrder order;
    order.file = table_.name;
    order.row = table_.csv->record();
    const std::string number = table_.Cell(key_);
    StartOrder(order);
    AddLine(order);
    // An order whose next rows cannot be read may lack lines: it is not returned, and the
    // failure is placed at its first row.
    group_row_ = order.row;
    while (true) {
      ORDO_ASSIGN_OR_RETURN(bool more, table_.Advance());
      if (!more || number.empty() || table_.Cell(key_) != number) {
        break;
      }
      AddLine(order);
    }
    group_row_ = 0;
    return std::optional<ImportedOrder>(std::move(order));
  }
  int64_t BytesRead() const override { return table_.csv->source().bytes_read(); }
  int64_t BytesTotal() const override { return table_.csv->source().bytes_total(); }
  Position Failure() const override {
    return group_row_ > 0 ? Position{table_.name, group_row_} : table_.Here();
  }

 protected:
  // The order's own fields from its first row.
  virtual void StartOrder(ImportedOrder& order) = 0;
  // One line from the current row.
  virtual void AddLine(ImportedOrder& order) = 0;
  const Table& table() const { return table_; }

 private:
  Table table_;
  std::string key_;
  bool started_ = false;
  int64_t group_row_ = 0;  // the first row of the order being read
};

class JdReader final : public GroupedReader {
 public:
  explicit JdReader(Table table) : GroupedReader(std::move(table), "订单号") {
    sku_ = this->table().header.First({"商家SKU", "商家编码", "商品ID"});
  }

 private:
  void StartOrder(ImportedOrder& order) override {
    const Table& t = table();
    order.columns = {{"external_id", "订单号"}, {"lines", sku_},
                     {"lines[].sku", sku_},     {"lines[].quantity", "订购数量"},
                     {"consignee.name", "客户姓名"}, {"customer.name", "客户姓名"},
                     {"consignee.phone", "联系电话"}, {"customer.phone", "联系电话"},
                     {"consignee.address", "客户地址"}, {"buyer_note", "订单备注"}};
    order.order.channel = "jd";
    order.order.external_id = t.Cell("订单号");
    if (order.order.external_id.empty()) {
      Problem(order, "订单号", Code::kRequired, "订单号 is empty");
    }
    Consignee(order, t.Cell("客户姓名"), t.Cell("联系电话"), SplitAddress(t.Cell("客户地址")));
    order.order.buyer_note = t.Cell(t.header.First({"订单备注", "买家留言", "客户留言"}));
    ApplyState(order, "订单状态", t.Cell("订单状态"));
    ReadAmount(order, "应付金额", t.Cell("应付金额"));
    ReadAmount(order, "订单金额", t.Cell("订单金额"));
    ReadTimes(order, "付款确认时间", t.Cell("付款确认时间"));
  }
  void AddLine(ImportedOrder& order) override {
    const Table& t = table();
    std::optional<Quantity> quantity = ReadQuantity(order, "订购数量", t.Cell("订购数量"));
    std::optional<int64_t> price = ReadAmount(order, "京东价", t.Cell("京东价"));
    const std::string sku = t.Cell(sku_);
    if (sku.empty()) {
      Problem(order, sku_, Code::kRequired, sku_ + " is empty: no SKU to reserve");
    }
    if (quantity) {
      order.order.lines.push_back(Line(sku, *quantity, price, "jd"));
    }
  }
  std::string sku_;
};

class PddReader final : public GroupedReader {
 public:
  explicit PddReader(Table table) : GroupedReader(std::move(table), "订单号") {
    sku_ = this->table().header.First({"商家编码-SKU维度", "商家编码-商品维度", "商家编码"});
  }

 private:
  void StartOrder(ImportedOrder& order) override {
    const Table& t = table();
    order.columns = {{"external_id", "订单号"}, {"lines", sku_},
                     {"lines[].sku", sku_},     {"lines[].quantity", "商品数量(件)"},
                     {"consignee.name", "收货人"}, {"customer.name", "收货人"},
                     {"consignee.phone", "手机"}, {"customer.phone", "手机"},
                     {"consignee.address.province", "省"}, {"consignee.address.city", "市"},
                     {"consignee.address.district", "区"},
                     {"consignee.address.detail", "详细地址"}, {"buyer_note", "商家备注"}};
    order.order.channel = "pdd";
    order.order.external_id = t.Cell("订单号");
    if (order.order.external_id.empty()) {
      Problem(order, "订单号", Code::kRequired, "订单号 is empty");
    }
    Address address{t.Cell("省"), t.Cell("市"), t.Cell("区"), "", ""};
    const std::string street = t.Cell("街道");
    const std::string detail = t.Cell("详细地址");
    address.detail = detail.starts_with(street) ? detail : street + detail;
    Consignee(order, t.Cell("收货人"), t.Cell("手机"), std::move(address));
    ApplyState(order, "订单状态", t.Cell("订单状态"));
    ReadAmount(order, "用户实付金额(元)", t.Cell("用户实付金额(元)"));
    ReadAmount(order, "店铺优惠折扣(元)", t.Cell("店铺优惠折扣(元)"));
    ReadAmount(order, "平台优惠折扣(元)", t.Cell("平台优惠折扣(元)"));
    ReadTimes(order, "支付时间", t.Cell("支付时间"));
  }
  void AddLine(ImportedOrder& order) override {
    const Table& t = table();
    std::optional<Quantity> quantity =
        ReadQuantity(order, "商品数量(件)", t.Cell("商品数量(件)"));
    std::optional<int64_t> total = ReadAmount(order, "商品总价(元)", t.Cell("商品总价(元)"));
    const std::string sku = t.Cell(sku_);
    if (sku.empty()) {
      Problem(order, sku_, Code::kRequired, sku_ + " is empty: no SKU to reserve");
    }
    if (quantity) {
      std::optional<int64_t> unit;
      if (total && *total % *quantity == 0) {
        unit = *total / *quantity;
      }
      order.order.lines.push_back(Line(sku, *quantity, unit, "pdd"));
    }
  }
  std::string sku_;
};

class OrdoReader final : public GroupedReader {
 public:
  explicit OrdoReader(Table table) : GroupedReader(std::move(table), "external_id") {}

 private:
  void StartOrder(ImportedOrder& order) override {
    const Table& t = table();
    for (const std::string& column : OrdoOrderColumns()) {
      order.columns.emplace(column, column);
    }
    order.columns.insert({{"consignee.name", "consignee_name"},
                          {"consignee.phone", "consignee_phone"},
                          {"consignee.address.province", "province"},
                          {"consignee.address.city", "city"},
                          {"consignee.address.district", "district"},
                          {"consignee.address.detail", "address_detail"},
                          {"customer.name", "customer_name"},
                          {"customer.phone", "customer_phone"},
                          {"customer.member_id", "member_id"},
                          {"lines", "sku"},
                          {"lines[].sku", "sku"},
                          {"lines[].quantity", "quantity"},
                          {"lines[].unit_price_amount", "unit_price"},
                          {"shipping.service", "shipping_service"}});
    NewOrder& o = order.order;
    o.channel = t.Cell("channel");
    o.external_id = t.Cell("external_id");
    if (o.external_id.empty()) {
      Problem(order, "external_id", Code::kRequired, "external_id is empty");
    }
    o.payment_method = t.Cell("payment_method");
    if (std::string service = t.Cell("shipping_service"); !service.empty()) {
      o.shipping_service = service;
    }
    o.customer = Customer{t.Cell("member_id"), t.Cell("customer_name"), t.Cell("customer_phone")};
    o.consignee = {t.Cell("consignee_name"), t.Cell("consignee_phone"),
                   Address{t.Cell("province"), t.Cell("city"), t.Cell("district"),
                           t.Cell("address_detail"), t.Cell("division_code")}};
    o.buyer_note = t.Cell("buyer_note");
    ApplyState(order, "status", t.Cell("status"));
    if (o.payment_method == "cod") {
      order.paid = false;  // cash on delivery enters at pending_review without a payment
    }
    o.total_amount = ReadAmount(order, "total_amount", t.Cell("total_amount"));
    ReadTimes(order, "paid_at", t.Cell("paid_at"));
  }
  void AddLine(ImportedOrder& order) override {
    const Table& t = table();
    std::optional<Quantity> quantity = ReadQuantity(order, "quantity", t.Cell("quantity"));
    std::optional<int64_t> price = ReadAmount(order, "unit_price", t.Cell("unit_price"));
    if (quantity) {
      order.order.lines.push_back(Line(t.Cell("sku"), *quantity, price, "ordo"));
    }
  }
};

// Taobao: the order list, one row per order, and the item detail file (one row per item) when
// given. The item file is read in step with the order list when both keep the same order (as
// the seller centre writes them); an item file in another order is indexed in memory by order
// number, its rows only (number, SKU, quantity, price).
class TaobaoReader final : public OrderFileReader {
 public:
  TaobaoReader(Table orders, std::optional<Table> items)
      : orders_(std::move(orders)), items_(std::move(items)) {
    sku_ = orders_.header.First({"商家编码", "外部系统编号"});
    phone_ = orders_.header.First({"联系手机", "联系电话"});
    if (items_) {
      item_sku_ = items_->header.First({"商家编码", "外部系统编号"});
    }
  }

  Result<std::optional<ImportedOrder>> Next() override {
    ORDO_ASSIGN_OR_RETURN(bool more, orders_.Advance());
    if (!more) {
      return std::optional<ImportedOrder>();
    }
    ImportedOrder order;
    order.file = orders_.name;
    order.row = orders_.csv->record();
    ReadOrder(order);
    if (items_) {
      if (Status items = ReadItems(order); !items.ok()) {
        items_failed_ = true;
        return items;
      }
    } else {
      ReadSingleLine(order);
    }
    return std::optional<ImportedOrder>(std::move(order));
  }
  int64_t BytesRead() const override { return orders_.csv->source().bytes_read(); }
  int64_t BytesTotal() const override { return orders_.csv->source().bytes_total(); }
  // When the item file fails, the order of the last row read has not been returned.
  Position Failure() const override {
    return items_failed_ ? Position{orders_.name, orders_.csv->record()} : orders_.Here();
  }

 private:
  void ReadOrder(ImportedOrder& order) {
    const Table& t = orders_;
    order.columns = {{"external_id", "订单编号"},  {"lines", sku_.empty() ? "宝贝标题" : sku_},
                     {"lines[].sku", sku_},        {"lines[].quantity", "宝贝总数量"},
                     {"consignee.name", "收货人姓名"}, {"customer.name", "收货人姓名"},
                     {"consignee.phone", phone_},  {"customer.phone", phone_},
                     {"consignee.address", "收货地址"}, {"buyer_note", "买家留言"},
                     {"customer.member_id", "买家会员名"}};
    order.order.channel = "taobao";
    order.order.external_id = t.Cell("订单编号");
    if (order.order.external_id.empty()) {
      Problem(order, "订单编号", Code::kRequired, "订单编号 is empty");
    }
    Consignee(order, t.Cell("收货人姓名"), t.Cell(phone_), SplitAddress(t.Cell("收货地址")));
    order.order.customer.member_id = t.Cell("买家会员名");
    order.order.buyer_note = t.Cell("买家留言");
    ApplyState(order, "订单状态", t.Cell("订单状态"));
    ReadAmount(order, "买家应付货款", t.Cell("买家应付货款"));
    ReadAmount(order, "总金额", t.Cell("总金额"));
    ReadAmount(order, "买家实际支付金额", t.Cell("买家实际支付金额"));
    ReadTimes(order, "订单付款时间", t.Cell("订单付款时间"));
  }

  // Without the item file: the order list names one SKU (商家编码) and the total quantity; an
  // order of several kinds needs the item file.
  void ReadSingleLine(ImportedOrder& order) {
    const Table& t = orders_;
    const std::string kinds = t.Cell("宝贝种类");
    if (!kinds.empty() && kinds != "1") {
      Problem(order, "宝贝种类", Code::kRequired,
              "an order of " + kinds + " kinds of goods needs the item detail file (订单详情)");
      return;
    }
    const std::string sku = t.Cell(sku_);
    if (sku.empty()) {
      Problem(order, sku_.empty() ? "商家编码" : sku_, Code::kRequired,
              "商家编码 is empty: no SKU to reserve");
      return;
    }
    const std::string count = t.Cell("宝贝总数量");
    std::optional<Quantity> quantity =
        count.empty() ? std::optional<Quantity>(1) : ReadQuantity(order, "宝贝总数量", count);
    if (quantity) {
      order.order.lines.push_back(Line(sku, *quantity, std::nullopt, "taobao"));
    }
  }

  Status ReadItems(ImportedOrder& order) {
    order.columns["lines"] = item_sku_;
    order.columns["lines[].sku"] = item_sku_;
    order.columns["lines[].quantity"] = "购买数量";
    const std::string& number = order.order.external_id;
    if (!items_started_) {
      items_started_ = true;
      ORDO_RETURN_IF_ERROR(items_->Advance().status());
    }
    // In step: the rows with this number are next. Rows of other orders met before them (an
    // item file in another order) go to the side index, where their orders find them.
    while (items_->has_row && items_->Cell("订单编号") != number && !stash_.count(number)) {
      Stash();
      ORDO_RETURN_IF_ERROR(items_->Advance().status());
    }
    bool found = false;
    while (items_->has_row && items_->Cell("订单编号") == number) {
      found = true;
      AddItem(order, items_->Cell(item_sku_), items_->Cell("购买数量"), items_->Cell("价格"));
      ORDO_RETURN_IF_ERROR(items_->Advance().status());
    }
    if (auto it = stash_.find(number); it != stash_.end()) {
      found = true;
      for (const auto& item : it->second) {
        AddItem(order, item[0], item[1], item[2]);
      }
      stash_.erase(it);
    }
    if (!found) {
      Problem(order, "订单编号", Code::kRequired,
              "the item detail file has no item of order " + number);
    }
    return Status::Ok();
  }

  void Stash() {
    stash_[items_->Cell("订单编号")].push_back(
        {items_->Cell(item_sku_), items_->Cell("购买数量"), items_->Cell("价格")});
  }

  void AddItem(ImportedOrder& order, const std::string& sku, const std::string& count,
               const std::string& price_cell) {
    if (sku.empty()) {
      Problem(order, item_sku_, Code::kRequired, item_sku_ + " is empty: no SKU to reserve");
      return;
    }
    std::optional<Quantity> quantity = ReadQuantity(order, "购买数量", count);
    std::optional<int64_t> price = ReadAmount(order, "价格", price_cell);
    if (!quantity) {
      return;
    }
    // The same SKU twice in one order (two colours of one code): one line. Both quantities are
    // at most kMaxQuantity, so their sum cannot overflow; a sum above it is refused like a cell.
    for (NewOrderLine& line : order.order.lines) {
      if (line.sku == sku) {
        if (line.quantity + *quantity > kMaxQuantity) {
          Problem(order, "购买数量", Code::kInvalidValue,
                  "the items of " + sku + " come to more than " + std::to_string(kMaxQuantity) +
                      " units");
          return;
        }
        line.quantity += *quantity;
        return;
      }
    }
    order.order.lines.push_back(Line(sku, *quantity, price, "taobao"));
  }

  Table orders_;
  std::optional<Table> items_;
  std::string sku_;
  std::string phone_;
  std::string item_sku_;
  bool items_started_ = false;
  bool items_failed_ = false;  // Next failed reading the item file, not the order list
  std::unordered_map<std::string, std::vector<std::array<std::string, 3>>> stash_;
};

}  // namespace

Result<std::unique_ptr<OrderFileReader>> OrderFileReader::Open(
    ImportFormat format, const std::vector<std::string>& paths,
    const std::vector<std::string>& names, const PiiCipher* sealed) {
  if (paths.empty()) {
    return Status::Invalid("files", Code::kRequired, "no file to import");
  }
  auto name_of = [&](size_t i) { return i < names.size() ? names[i] : paths[i]; };
  if (format == ImportFormat::kTaobao) {
    std::optional<Table> orders;
    std::optional<Table> items;
    for (size_t i = 0; i < paths.size(); ++i) {
      ORDO_ASSIGN_OR_RETURN(Table table, Table::Open(paths[i], name_of(i), sealed));
      const bool item_file = table.header.Has("购买数量") && !table.header.Has("收货地址");
      std::optional<Table>& slot = item_file ? items : orders;
      if (slot) {
        // Two order lists (or two item files): one of them would be dropped without a word.
        return Status::Invalid("files", Code::kInvalidValue,
                               slot->name + " and " + table.name + " are both " +
                                   (item_file ? "item detail files (订单详情)"
                                              : "order lists (订单编号, 收货地址, …)") +
                                   ": a Taobao import takes one order list and at most one "
                                   "item detail file");
      }
      slot = std::move(table);
    }
    if (!orders) {
      return Status::Invalid("files", Code::kRequired,
                             "the Taobao order list (订单编号, 收货地址, …) is missing");
    }
    ORDO_RETURN_IF_ERROR(MissingColumns(orders->name, orders->header,
                                        {"订单编号", "订单状态", "收货人姓名", "收货地址"}));
    ORDO_RETURN_IF_ERROR(MissingOneOf(orders->name, orders->header, "the consignee's phone",
                                      {"联系手机", "联系电话"}));
    if (items) {
      ORDO_RETURN_IF_ERROR(MissingColumns(items->name, items->header, {"订单编号", "购买数量"}));
      ORDO_RETURN_IF_ERROR(
          MissingOneOf(items->name, items->header, "the SKU", {"商家编码", "外部系统编号"}));
    }
    return std::unique_ptr<OrderFileReader>(
        std::make_unique<TaobaoReader>(std::move(*orders), std::move(items)));
  }
  if (paths.size() != 1) {
    return Status::Invalid("files", Code::kInvalidValue,
                           std::string(ImportFormatName(format)) + " imports one file at a time");
  }
  ORDO_ASSIGN_OR_RETURN(Table table, Table::Open(paths[0], name_of(0), sealed));
  switch (format) {
    case ImportFormat::kJd:
      ORDO_RETURN_IF_ERROR(MissingColumns(table.name, table.header,
                                          {"订单号", "订购数量", "客户姓名", "客户地址",
                                           "联系电话", "订单状态"}));
      ORDO_RETURN_IF_ERROR(
          MissingOneOf(table.name, table.header, "the SKU", {"商家SKU", "商家编码", "商品ID"}));
      return std::unique_ptr<OrderFileReader>(std::make_unique<JdReader>(std::move(table)));
    case ImportFormat::kPdd:
      ORDO_RETURN_IF_ERROR(MissingColumns(table.name, table.header,
                                          {"订单号", "商品数量(件)", "订单状态", "收货人",
                                           "手机", "省", "市", "区", "详细地址"}));
      ORDO_RETURN_IF_ERROR(MissingOneOf(table.name, table.header, "the SKU",
                                        {"商家编码-SKU维度", "商家编码-商品维度", "商家编码"}));
      return std::unique_ptr<OrderFileReader>(std::make_unique<PddReader>(std::move(table)));
    case ImportFormat::kOrdo:
      ORDO_RETURN_IF_ERROR(MissingColumns(table.name, table.header,
                                          {"channel", "external_id", "status", "sku", "quantity",
                                           "consignee_name", "consignee_phone"}));
      return std::unique_ptr<OrderFileReader>(std::make_unique<OrdoReader>(std::move(table)));
    case ImportFormat::kTaobao:
      break;
  }
  return Status::Internal("unreachable import format");
}

Status WriteSealedFile(const PiiCipher& cipher, std::string_view content,
                       const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  std::FILE* file = fd < 0 ? nullptr : fdopen(fd, "wb");
  if (file == nullptr) {
    if (fd >= 0) {
      ::close(fd);
    }
    return Status::Unavailable("the uploaded file could not be saved");
  }
  bool written = true;
  for (size_t at = 0; written && at < content.size(); at += kBlockBytes) {
    const std::string sealed = cipher.Seal(content.substr(at, kBlockBytes));
    const uint32_t size = static_cast<uint32_t>(sealed.size());
    const unsigned char head[4] = {
        static_cast<unsigned char>(size), static_cast<unsigned char>(size >> 8),
        static_cast<unsigned char>(size >> 16), static_cast<unsigned char>(size >> 24)};
    written = std::fwrite(head, 1, sizeof head, file) == sizeof head &&
              std::fwrite(sealed.data(), 1, sealed.size(), file) == sealed.size();
  }
  written = std::fclose(file) == 0 && written;
  if (!written) {
    std::error_code error;
    std::filesystem::remove(path, error);
    return Status::Unavailable("the uploaded file could not be saved");
  }
  return Status::Ok();
}

}  // namespace ordo::app
