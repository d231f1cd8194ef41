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

Result<int64_t> Duration(const json::value& value, const std::string& field) {
  if (!value.is_string()) {
    return Bad(field, "must be a duration such as \"24h\"");
  }
  Result<int64_t> ms = ParseDurationMs(value.get_string());
  if (!ms.ok()) {
    return Bad(field, ms.status().message());
  }
  return ms;
}

Result<int64_t> Integer(const json::value& value, const std::string& field) {
  if (!value.is_int64() && !value.is_uint64()) {
    return Bad(field, "must be an integer");
  }
  return value.to_number<int64_t>();
}

Result<std::string> Text(const json::value& value, const std::string& field) {
  if (!value.is_string() || value.get_string().empty()) {
    return Bad(field, "must be a non-empty string");
  }
  return std::string(value.get_string());
}

Status ReadShipWithin(const json::value& value, SupervisionPolicy& policy) {
  if (!value.is_array()) {
    return Bad("ship_within", "must be an array of {min_priority, limit}");
  }
  policy.ship_within.clear();
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const std::string field = "ship_within[" + std::to_string(i) + "]";
    const json::value& tier = value.as_array()[i];
    if (!tier.is_object() || !tier.as_object().contains("min_priority") ||
        !tier.as_object().contains("limit") || tier.as_object().size() != 2) {
      return Bad(field, "must be {\"min_priority\": N, \"limit\": \"24h\"}");
    }
    ORDO_ASSIGN_OR_RETURN(int64_t priority,
                          Integer(tier.at("min_priority"), field + ".min_priority"));
    ORDO_ASSIGN_OR_RETURN(int64_t limit_ms, Duration(tier.at("limit"), field + ".limit"));
    policy.ship_within.push_back({static_cast<int>(priority), limit_ms});
  }
  return Status::Ok();
}

Status ReadDeliverWithin(const json::value& value, SupervisionPolicy& policy) {
  if (!value.is_object()) {
    return Bad("deliver_within", "must be an object of shipping service → duration");
  }
  for (const auto& [service, limit] : value.as_object()) {
    const std::string field = "deliver_within." + std::string(service);
    ORDO_ASSIGN_OR_RETURN(int64_t limit_ms, Duration(limit, field));
    if (service == "default") {
      policy.deliver_within_default_ms = limit_ms;
    } else {
      policy.deliver_within_ms[std::string(service)] = limit_ms;
    }
  }
  return Status::Ok();
}

Status ReadMember(std::string_view key, const json::value& value, SupervisionPolicy& policy) {
  const std::string field(key);
  if (key == "ship_within") {
    return ReadShipWithin(value, policy);
  }
  if (key == "deliver_within") {
    return ReadDeliverWithin(value, policy);
  }
  const std::pair<const char*, int64_t*> durations[] = {
      {"review_within", &policy.review_within_ms},
      {"correction_window", &policy.correction_window_ms},
      {"reply_within", &policy.reply_within_ms}};
  for (const auto& [name, target] : durations) {
    if (key == name) {
      ORDO_ASSIGN_OR_RETURN(*target, Duration(value, field));
      return Status::Ok();
    }
  }
  const std::pair<const char*, int64_t*> integers[] = {
      {"reward_min_timeliness_bp", &policy.reward_min_timeliness_bp},
      {"reward_min_steps", &policy.reward_min_steps}};
  for (const auto& [name, target] : integers) {
    if (key == name) {
      ORDO_ASSIGN_OR_RETURN(*target, Integer(value, field));
      return Status::Ok();
    }
  }
  const std::pair<const char*, std::string*> texts[] = {
      {"review_department", &policy.review_department},
      {"fulfilment_department", &policy.fulfilment_department},
      {"reply_department", &policy.reply_department}};
  for (const auto& [name, target] : texts) {
    if (key == name) {
      ORDO_ASSIGN_OR_RETURN(*target, Text(value, field));
      return Status::Ok();
    }
  }
  return Bad(field, "is not a member of the supervision policy");
}

}  // namespace

std::string DefaultSupervisionPolicyPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "supervision.json").string();
}

Result<SupervisionPolicy> ParseSupervisionPolicy(std::string_view text) {
  boost::system::error_code ec;
  json::value document = json::parse(text, ec);
  if (ec || !document.is_object()) {
    return Bad("supervision policy", "must be one JSON object");
  }
  SupervisionPolicy policy;
  for (const auto& [key, value] : document.as_object()) {
    ORDO_RETURN_IF_ERROR(ReadMember(key, value, policy));
  }
  ORDO_RETURN_IF_ERROR(ValidatePolicy(policy));
  return policy;
}

Result<SupervisionPolicy> LoadSupervisionPolicy(const std::string& data_dir,
                                                const std::string& path) {
  std::string file = path;
  if (file.empty()) {
    file = DefaultSupervisionPolicyPath(data_dir);
    if (!std::filesystem::exists(file)) {
      return SupervisionPolicy{};
    }
  }
  std::ifstream in(file);
  if (!in) {
    return Bad("supervision-policy", "cannot read " + file);
  }
  std::ostringstream text;
  text << in.rdbuf();
  Result<SupervisionPolicy> policy = ParseSupervisionPolicy(text.str());
  if (!policy.ok()) {
    return Status::Invalid("supervision-policy", Code::kInvalidValue,
                           file + ": " + policy.status().message());
  }
  return policy;
}

}  // namespace ordo::cli
