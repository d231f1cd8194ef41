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

WriteFn ChangeSettings(SettingsEdit edit, CommandContext context,
                       std::shared_ptr<SettingsOutcome> out) {
  return [edit = std::move(edit), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(const Settings before, LoadSettings(tx));
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
