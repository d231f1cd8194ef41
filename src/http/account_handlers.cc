// Handlers of staff accounts: login, logout, who am I, and user administration.
#include <sodium.h>

#include "app/access.h"
#include "app/account_commands.h"
#include "app/accounts.h"
#include "http/api.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr const char* kSessionCookie = "ordo_session";

json::object UserToJson(const User& user) {
  return json::object{{"username", user.username},
                      {"display_name", user.display_name},
                      {"department", user.department},
                      {"role", user.role},
                      {"disabled", user.disabled},
                      {"created_at", FormatRfc3339(user.created_at)}};
}

// A hash of a password nobody has, checked when the username is unknown so that a login
// takes as long for an unknown user as for a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = app::HashPassword("decoy password for unknown users").value();
  return hash;
}

Response LoginAnswer(const app::LoginResult& result, const std::string& secret) {
  switch (result.outcome) {
    case LoginOutcome::kSuccess: {
      Response response = Response::Json(
          200, Serialize(json::object{{"user", UserToJson(result.user)}, {"token", secret}}));
      response.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + secret +
                                                      "; Path=/; HttpOnly; SameSite=Strict");
      response.headers.emplace_back("Cache-Control", "no-store");
      return response;
    }
    case LoginOutcome::kLocked:
      return Response::Problem(Status(Kind::kUnauthenticated, Code::kAccountLocked,
                                      "too many failed logins: the account is locked for a "
                                      "while"));
    case LoginOutcome::kBadCredentials:
    case LoginOutcome::kDisabled:
      break;
  }
  return Response::Problem(
      Status(Kind::kUnauthenticated, Code::kUnauthenticated, "invalid username or password"));
}

// Runs `work` on the API's worker threads (on this thread without them). When too many wait
// already, answers 503 with Retry-After: a login flood is shed, not queued without bound.
void OffloadOrRespond(const ApiContext& api, Respond& respond, std::function<void()> work) {
  if (api.workers == nullptr) {
    work();
    return;
  }
  if (!api.workers->Post(std::move(work))) {
    Response busy = Response::Problem(
        Status::Unavailable("too many password checks are waiting: try again shortly"));
    busy.headers.emplace_back("Retry-After", "1");
    respond(std::move(busy));
  }
}

void PostLogin(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string username = reader.String("username", true);
  std::string password = reader.String("password", true);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  // Argon2id takes tens of milliseconds: not on an HTTP thread.
  OffloadOrRespond(api, respond, [&api, defer = request.defer, respond, username = std::move(username),
                                  password = std::move(password)]() mutable {
    Result<std::optional<User>> user = api.store->reads().GetUser(username);
    if (!user.ok()) {
      respond(Response::Problem(user.status()));
      return;
    }
    const std::string& hash = user->has_value() ? (*user)->password_hash : DecoyHash();
    const bool password_ok = app::VerifyPassword(hash, password) && user->has_value();
    sodium_memzero(password.data(), password.size());
    // A fresh session at every login: an earlier cookie is never reused (no session fixation).
    const std::string secret = app::NewTokenSecret();
    auto out = std::make_shared<app::LoginResult>();
    api.store->Submit(
        app::RecordLogin(std::move(username), password_ok, app::TokenHash(secret),
                         AccountPolicy{}, {"anonymous", api.clock}, out),
        [defer, respond, out, secret](const Status& status) {
          Response response = status.ok() ? LoginAnswer(*out, secret) : Response::Problem(status);
          if (!defer) {
            respond(std::move(response));
            return;
          }
          defer([respond, response = std::move(response)]() mutable {
            respond(std::move(response));
          });
        });
  });
}

void PostLogout(const ApiContext& api, Request& request, Respond respond) {
  std::string_view secret = BearerToken(request);
  if (secret.empty() || !request.principal.id.starts_with("user:")) {
    secret = SessionCookie(request);
  }
  Response cleared = Response::Json(200, R"({"status":"logged_out"})");
  cleared.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) +
                                                 "=; Path=/; HttpOnly; SameSite=Strict; "
                                                 "Max-Age=0");
  if (secret.empty()) {
    respond(std::move(cleared));
    return;
  }
  api.store->Submit(app::EndSession(app::TokenHash(secret), ContextOf(api, request)),
                    [respond, cleared](const Status& status) {
                      respond(status.ok() ? cleared : Response::Problem(status));
                    });
}

void GetMe(const ApiContext&, Request& request, Respond respond) {
  json::array permissions;
  for (const std::string& permission : app::Permissions()) {
    if (app::RoleHas(request.principal.role, permission)) {
      permissions.push_back(json::string(permission));
    }
  }
  respond(Response::Json(200, Serialize(json::object{{"name", request.principal.name},
                                                     {"role", request.principal.role},
                                                     {"actor", ActorOf(request)},
                                                     {"permissions", std::move(permissions)}})));
}

void PostUser(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  User user;
  user.username = reader.String("username", true);
  user.display_name = reader.String("display_name", true);
  user.department = reader.String("department", true);
  user.role = reader.String("role", true);
  std::string password = reader.String("password", true);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Status valid = app::ValidateNewUser(user, password, AccountPolicy{});
  if (!valid.ok()) {
    respond(Response::Problem(valid));
    return;
  }
  // Hashing is as slow as checking: on the worker threads, then back through RunCommand (which
  // may answer from any thread).
  OffloadOrRespond(api, respond, [&api, request = std::make_shared<Request>(request),
                                  respond, user = std::move(user), password]() mutable {
    Result<std::string> hash = app::HashPassword(password);
    sodium_memzero(password.data(), password.size());
    if (!hash.ok()) {
      respond(Response::Problem(hash.status()));
      return;
    }
    user.password_hash = std::move(hash).value();
    auto out = std::make_shared<User>();
    RunCommand(api, *request, std::move(respond),
               app::CreateUser(std::move(user), ContextOf(api, *request), out),
               [out](const Status& status) {
                 return status.ok() ? Response::Json(201, Serialize(UserToJson(*out)))
                                    : Response::Problem(status);
               });
  });
}

void ListUsers(const ApiContext& api, Request&, Respond respond) {
  Result<std::vector<User>> users = api.store->reads().ListUsers();
  if (!users.ok()) {
    respond(Response::Problem(users.status()));
    return;
  }
  json::array data;
  for (const User& user : *users) {
    data.push_back(UserToJson(user));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void SetDisabled(const ApiContext& api, Request& request, Respond respond, bool disabled) {
  auto out = std::make_shared<User>();
  RunCommand(api, request, std::move(respond),
             app::SetUserDisabled(std::string(request.Param("username")), disabled,
                                  ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? Response::Json(200, Serialize(UserToJson(*out)))
                                  : Response::Problem(status);
             });
}

}  // namespace

void RegisterAccountRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("POST", "/api/v1/auth/login",
             {"Log in; sets the session cookie", "", true, "Login", "LoginResult", 200},
             [a](Request& r, Respond respond) { PostLogin(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/auth/logout", {"End this session", "", false, "", "", 200},
             [a](Request& r, Respond respond) { PostLogout(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/auth/me", {"Who is calling, and what they may do", "", false, "",
                                         "Me", 200},
             [a](Request& r, Respond respond) { GetMe(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/users",
             {"Create a staff account", "users:write", false, "NewUser", "User", 201},
             [a](Request& r, Respond respond) { PostUser(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/users", {"List staff accounts", "users:read", false, "", "UserList",
                                      200},
             [a](Request& r, Respond respond) { ListUsers(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/users/{username}/disable",
             {"Disable an account and end its sessions", "users:write", false, "", "User", 200},
             [a](Request& r, Respond respond) { SetDisabled(*a, r, std::move(respond), true); });
  router.Add("POST", "/api/v1/users/{username}/enable",
             {"Enable an account again", "users:write", false, "", "User", 200},
             [a](Request& r, Respond respond) { SetDisabled(*a, r, std::move(respond), false); });
}

}  // namespace ordo::http
