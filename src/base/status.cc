#include "base/status.h"

namespace ordo {

std::string_view CodeName(Code code) {
  return Name(code);
}

std::optional<Code> ParseCodeName(std::string_view name) {
  return ParseEnum<Code>(name);
}

const std::vector<Code>& AllCodes() {
  static const std::vector<Code> kAll = {
#define ORDO_CODE_LIST(name, text) Code::name,
      ORDO_CODES(ORDO_CODE_LIST)
#undef ORDO_CODE_LIST
  };
  return kAll;
}

Status Status::Invalid(std::vector<FieldError> errors) {
  ORDO_ASSERT(!errors.empty());
  std::string message = errors.front().message;
  if (errors.size() > 1) {
    message += " (and " + std::to_string(errors.size() - 1) + " more)";
  }
  Status status(Kind::kInvalid, Code::kValidationFailed, std::move(message));
  status.field_errors_ = std::move(errors);
  return status;
}

Status Status::Invalid(std::string field, Code code, std::string message) {
  return Invalid({FieldError{std::move(field), code, std::move(message)}});
}

std::string Status::ToString() const {
  if (ok()) {
    return "ok";
  }
  std::string text(CodeName(code_));
  text += ": ";
  text += message_;
  for (const FieldError& error : field_errors_) {
    text += "; ";
    text += error.field;
    text += " ";
    text += CodeName(error.code);
  }
  return text;
}

}  // namespace ordo
