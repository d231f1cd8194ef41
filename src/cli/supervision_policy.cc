#include "cli/supervision_policy.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ordo::cli {
namespace json = boost::json;
namespace {

Status Bad(const std::string& field, const std::string& message) {
  return Status::Invalid(field, Code::kInvalidValue, field + ": " + message);
}

Result<int64_t> Integer(const json::value& value, const std::string& field) {
  if (!value.is_int64() && !value.is_uint64()) {
    return Bad(field, "must be an integer");
  }
  return value.to_number<int64_t>();
}

// The members the file no longer reads, and what replaced each.
constexpr std::pair<std::string_view, std::string_view> kMoved[] = {
    {"ship_within", "the setting ship_within_hours (per order class, business hours)"},
    {"review_within", "the setting review_within_hours"},
    {"correction_window", "the setting correction_window_hours"},
    {"reply_within", "the setting reply_within_hours"},
    {"deliver_within", "the setting deliver_within_hours (per shipping service)"},
    {"review_department", "the department registry (customer_service)"},
    {"fulfilment_department", "the department registry (warehouse)"},
    {"reply_department", "the department registry (customer_service)"}};

Status ReadMember(std::string_view key, const json::value& value, RewardThresholds& rewards,
                  std::vector<std::string>* warnings) {
  const std::string field(key);
  for (const auto& [moved, replacement] : kMoved) {
    if (key == moved) {
      if (warnings != nullptr) {
        warnings->push_back("supervision policy: " + field + " is no longer read; it is " +
                            std::string(replacement) + " (PATCH /api/v1/settings)");
      }
      return Status::Ok();
    }
  }
  if (key == "reward_min_timeliness_bp") {
    ORDO_ASSIGN_OR_RETURN(rewards.min_timeliness_bp, Integer(value, field));
    return Status::Ok();
  }
  if (key == "reward_min_steps") {
    ORDO_ASSIGN_OR_RETURN(rewards.min_steps, Integer(value, field));
    return Status::Ok();
  }
  return Bad(field, "is not a member of the supervision policy");
}

}  // namespace

std::string DefaultSupervisionPolicyPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "supervision.json").string();
}

Result<RewardThresholds> ParseSupervisionPolicy(std::string_view text,
                                                std::vector<std::string>* warnings) {
  boost::system::error_code ec;
  json::value document = json::parse(text, ec);
  if (ec || !document.is_object()) {
    return Bad("supervision policy", "must be one JSON object");
  }
  RewardThresholds rewards;
  for (const auto& [key, value] : document.as_object()) {
    ORDO_RETURN_IF_ERROR(ReadMember(key, value, rewards, warnings));
  }
  SupervisionPolicy policy;
  policy.reward_min_timeliness_bp = rewards.min_timeliness_bp;
  policy.reward_min_steps = rewards.min_steps;
  ORDO_RETURN_IF_ERROR(ValidatePolicy(policy));
  return rewards;
}

Result<RewardThresholds> LoadSupervisionPolicy(const std::string& data_dir, const std::string& path,
                                               std::vector<std::string>* warnings) {
  std::string file = path;
  if (file.empty()) {
    file = DefaultSupervisionPolicyPath(data_dir);
    if (!std::filesystem::exists(file)) {
      return RewardThresholds{};
    }
  }
  std::ifstream in(file);
  if (!in) {
    return Bad("supervision-policy", "cannot read " + file);
  }
  std::ostringstream text;
  text << in.rdbuf();
  Result<RewardThresholds> rewards = ParseSupervisionPolicy(text.str(), warnings);
  if (!rewards.ok()) {
    return Status::Invalid("supervision-policy", Code::kInvalidValue,
                           file + ": " + rewards.status().message());
  }
  return rewards;
}

}  // namespace ordo::cli
