#include "app/settings.h"
#include "store/settings_codec.h"

namespace ordo::app {

Result<Settings> LoadSettings(ReadView& reads) {
  ORDO_ASSIGN_OR_RETURN(auto values, reads.fulfillment().LoadSettingValues());
  return DecodeSettings(values);
}

Result<Settings> LoadSettings(WriteTx& tx) {
  ORDO_ASSIGN_OR_RETURN(auto values, tx.fulfillment().LoadSettingValues());
  return DecodeSettings(values);
}

int64_t SettingsVersion(const Settings& settings) {
  uint64_t hash = 14695981039346656037ULL;
  const auto mix = [&hash](std::string_view text) {
    for (unsigned char c : text) {
      hash = (hash ^ c) * 1099511628211ULL;
    }
    hash = (hash ^ 0x1f) * 1099511628211ULL;  // a separator, so "ab"+"c" differs from "a"+"bc"
  };
  for (const std::string& key : SettingKeys()) {
    mix(key);
    mix(EncodeSettingValue(settings, key));
  }
  return static_cast<int64_t>(hash >> 2);
}

WriteFn ChangeSettings(SettingsEdit edit, CommandContext context,
                       std::shared_ptr<SettingsOutcome> out, std::optional<int64_t> if_match) {
  return [edit = std::move(edit), context, out, if_match](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(const Settings before, LoadSettings(tx));
    if (if_match && *if_match != SettingsVersion(before)) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "the settings changed since version " + std::to_string(*if_match) +
                        "; read them again (they are at " +
                        std::to_string(SettingsVersion(before)) + ")");
    }
    Settings after = before;
    // Every fault at once: those of the edit (types, unknown keys; a value at fault is left as
    // it was) and those of the values it set (ranges).
    std::vector<FieldError> errors;
    edit(after, errors);
    const Status valid = ValidateSettings(after);
    errors.insert(errors.end(), valid.field_errors().begin(), valid.field_errors().end());
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    const Actor actor = context.Now();
    out->changed.clear();
    for (const std::string& key : SettingKeys()) {
      SettingChange change{key, EncodeSettingValue(before, key), EncodeSettingValue(after, key),
                           actor.name, actor.at};
      if (change.before == change.after) {
        continue;
      }
      ORDO_RETURN_IF_ERROR(tx.fulfillment().SaveSetting(change));
      out->changed.push_back(key);
    }
    out->settings = std::move(after);
    return Status::Ok();
  };
}

}  // namespace ordo::app
