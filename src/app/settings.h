// Settings use cases (domain/settings/settings.h): reading the effective settings, and changing
// some of them with every change validated and audited (before → after).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/settings/settings.h"

namespace ordo::app {

// The defaults with the stored values applied. kInternal when a stored value does not read back.
Result<Settings> LoadSettings(ReadView& reads);
Result<Settings> LoadSettings(WriteTx& tx);

// Changes the current settings in place, appending faults (wrong types, unknown keys) to the
// errors; e.g. the JSON patch of PATCH /settings (store/settings_codec.h ApplySettingsPatch).
using SettingsEdit = std::function<void(Settings&, std::vector<FieldError>&)>;

// The settings' version, their ETag: a digest (FNV-1a, 62 bits) of every key's stored value, so
// it changes whenever a value does and needs no counter of its own.
int64_t SettingsVersion(const Settings& settings);

struct SettingsOutcome {
  Settings settings;                 // after the change
  std::vector<std::string> changed;  // the keys whose value changed, in documented order
};

// Applies `edit` to the settings as stored now (inside the writer, so two edits never overwrite
// each other), validates the result (ValidateSettings: 422 naming each field), and stores each
// key whose value changed, auditing it as entity "setting" with its value before and after. An
// edit that changes nothing stores nothing. With `if_match`, the settings must still be at that
// SettingsVersion (else kPreconditionFailed version_mismatch, nothing changed): the HTTP edits
// require it, so one person's change is never silently replaced by another's stale form.
WriteFn ChangeSettings(SettingsEdit edit, CommandContext context,
                       std::shared_ptr<SettingsOutcome> out,
                       std::optional<int64_t> if_match = std::nullopt);

}  // namespace ordo::app
