#include "domain/order/region.h"

#include <array>
#include <string>

namespace ordo {
namespace {

struct Province {
  std::string_view full;
  std::string_view short_form;
};

constexpr std::array<Province, 34> kProvinces = {{
    {"北京市", "北京"},         {"天津市", "天津"},           {"上海市", "上海"},
    {"重庆市", "重庆"},         {"河北省", "河北"},           {"山西省", "山西"},
    {"辽宁省", "辽宁"},         {"吉林省", "吉林"},           {"黑龙江省", "黑龙江"},
    {"江苏省", "江苏"},         {"浙江省", "浙江"},           {"安徽省", "安徽"},
    {"福建省", "福建"},         {"江西省", "江西"},           {"山东省", "山东"},
    {"河南省", "河南"},         {"湖北省", "湖北"},           {"湖南省", "湖南"},
    {"广东省", "广东"},         {"海南省", "海南"},           {"四川省", "四川"},
    {"贵州省", "贵州"},         {"云南省", "云南"},           {"陕西省", "陕西"},
    {"甘肃省", "甘肃"},         {"青海省", "青海"},           {"台湾省", "台湾"},
    {"内蒙古自治区", "内蒙古"}, {"广西壮族自治区", "广西"},   {"西藏自治区", "西藏"},
    {"宁夏回族自治区", "宁夏"}, {"新疆维吾尔自治区", "新疆"}, {"香港特别行政区", "香港"},
    {"澳门特别行政区", "澳门"},
}};

// The first four entries are the municipalities; the last three keep their own divisions.
constexpr size_t kMunicipalities = 4;
constexpr std::array<std::string_view, 3> kOwnDivisions = {"台湾", "香港", "澳门"};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// The index of `province` in kProvinces, or kProvinces.size() when unknown.
size_t ProvinceIndex(std::string_view province) {
  const std::string_view name = Trim(province);
  for (size_t i = 0; i < kProvinces.size(); ++i) {
    if (name == kProvinces[i].full || name == kProvinces[i].short_form) {
      return i;
    }
  }
  return kProvinces.size();
}

}  // namespace

bool IsKnownProvince(std::string_view province) {
  return ProvinceIndex(province) < kProvinces.size();
}

bool IsPlausibleCity(std::string_view province, std::string_view city_text) {
  const size_t index = ProvinceIndex(province);
  const std::string_view city = Trim(city_text);
  if (index == kProvinces.size() || city.empty()) {
    return false;
  }
  const Province& home = kProvinces[index];
  if (index < kMunicipalities) {
    return city == home.full || city == home.short_form || city == "市辖区" || city == "县";
  }
  for (std::string_view own : kOwnDivisions) {
    if (home.short_form == own) {
      return true;
    }
  }
  if (city == home.full || city == home.short_form) {
    return false;
  }
  if (city == "省直辖县级行政区划" || city == "自治区直辖县级行政区划") {
    return true;
  }
  constexpr std::array<std::string_view, 4> kSuffixes = {"市", "州", "盟", "地区"};
  for (std::string_view suffix : kSuffixes) {
    // At least one character (three bytes of UTF-8) before the suffix.
    if (city.size() >= suffix.size() + 3 && city.ends_with(suffix)) {
      return true;
    }
  }
  return false;
}

}  // namespace ordo
