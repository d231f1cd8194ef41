// Settings (time limits and rule thresholds) and the carrier rules among them:
//   GET /api/v1/settings, PATCH /api/v1/settings
//   GET /api/v1/carriers, PUT /api/v1/carriers ({"carrier_rules": [...]})
#include "app/settings.h"
#include "http/fulfillment_routes.h"
#include "store/settings_codec.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// Both answers carry the settings' version as their ETag (app::SettingsVersion): an edit sends
// it back in If-Match.
Response Tagged(Response response, const Settings& settings) {
  response.headers.emplace_back("ETag",
                                "\"" + std::to_string(app::SettingsVersion(settings)) + "\"");
  return response;
}

Response SettingsResponse(const Settings& settings) {
  return Tagged(Response::Json(200, Serialize(SettingsToJson(settings))), settings);
}

Response CarriersResponse(const Settings& settings) {
  json::value rules = SettingsToJson(settings).at("carrier_rules");
  return Tagged(Response::Json(200, Serialize(json::object{{"carrier_rules", std::move(rules)}})),
                settings);
}

void GetSettings(const ApiContext& api, Request&, Respond respond) {
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  respond(settings.ok() ? SettingsResponse(*settings) : Response::Problem(settings.status()));
}

void GetCarriers(const ApiContext& api, Request&, Respond respond) {
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  respond(settings.ok() ? CarriersResponse(*settings) : Response::Problem(settings.status()));
}

// Runs the patch `object` against the stored settings; `carriers_only` refuses every other key.
void Change(const ApiContext& api, Request& request, Respond respond, json::object patch,
            bool carriers_only) {
  const std::optional<int64_t> if_match =
      RequiredIfMatchOrRespond(request, respond, carriers_only ? "the carrier rules" : "settings");
  if (!if_match) {
    return;
  }
  auto out = std::make_shared<app::SettingsOutcome>();
  app::SettingsEdit edit = [patch = std::move(patch), carriers_only](
                               Settings& settings, std::vector<FieldError>& errors) {
    if (carriers_only) {
      for (const auto& [key, value] : patch) {
        if (key != "carrier_rules") {
          errors.push_back({std::string(key), Code::kUnknownSetting,
                            std::string(key) + ": only carrier_rules is set here"});
        }
      }
      if (!patch.contains("carrier_rules")) {
        errors.push_back({"carrier_rules", Code::kRequired, "carrier_rules is required"});
        return;
      }
    }
    ApplySettingsPatch(patch, settings, errors);
  };
  RunCommand(api, request, std::move(respond),
             app::ChangeSettings(std::move(edit), ContextOf(api, request), out, *if_match),
             [out, carriers_only](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               return carriers_only ? CarriersResponse(out->settings)
                                    : SettingsResponse(out->settings);
             });
}

void PatchSettings(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (body) {
    Change(api, request, std::move(respond), std::move(body->as_object()), false);
  }
}

void PutCarriers(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (body) {
    Change(api, request, std::move(respond), std::move(body->as_object()), true);
  }
}

}  // namespace

void RegisterSettingsRoutes(Router& router, const ApiContext& api) {
  router.Add("GET", "/api/v1/settings",
             {"The settings in force: time limits and rule thresholds", "settings:read", false, "",
              "Settings", 200},
             Bind(api, &GetSettings));
  router.Add("PATCH", "/api/v1/settings",
             {"Change some settings (each change audited, before and after; If-Match with the "
              "ETag of GET /settings required: 412 when stale, 428 when missing)",
              "settings:write", false, "Settings", "Settings", 200},
             Bind(api, &PatchSettings));
  router.Add(
      "GET", "/api/v1/carriers",
      {"The carrier selection rules and tariffs", "carriers:read", false, "", "CarrierRules", 200},
      Bind(api, &GetCarriers));
  router.Add("PUT", "/api/v1/carriers",
             {"Replace the carrier selection rules (If-Match with the settings' ETag required)",
              "carriers:write", false, "CarrierRules", "CarrierRules", 200},
             Bind(api, &PutCarriers));
}

}  // namespace ordo::http
