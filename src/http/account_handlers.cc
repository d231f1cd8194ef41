// Handlers of staff accounts: login, logout, who am I, and user administration.
#include <sodium.h>

#include "app/access.h"
#include "app/account_commands.h"
#include "app/accounts.h"
#include "http/api.h"
#include "http/fulfillment_routes.h"
#include "http/json_util.h"
#include "http/problem.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::object UserToJson(const User& user) {
  return json::object{
      {"username", user.username},     {"display_name", user.display_name},
      {"department", user.department}, {"role", user.role},
      {"disabled", user.disabled},     {"created_at", FormatRfc3339(user.created_at)}};
}

// A hash of a password nobody has, checked when the username is unknown so that a login
// takes as long for an unknown user as for a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = app::HashPassword("decoy password for unknown users").value();
  return hash;
}

// The session cookie's attributes: HttpOnly, SameSite=Strict, Path=/, and behind TLS Secure
// (its "__Host-" name then also binds it to this host).
std::string CookieAttributes(const ApiContext& api) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (api.tls ? "; Secure" : "");
}

// One answer for every refusal: an unknown name, a wrong password, a locked and a disabled
// account look alike, so that nobody can learn which accounts exist or are locked.
Response BadCredentials() {
  return Response::Problem(
      Status(Kind::kUnauthenticated, Code::kUnauthenticated, "invalid username or password"));
}

// The session token is in the body only when the request asks for it ("return_token": true,
// for scripts); a browser gets it in the HttpOnly cookie alone, out of reach of scripts.
Response LoginAnswer(const ApiContext& api, const app::LoginResult& result,
                     const std::string& secret, bool return_token) {
  if (result.outcome != LoginOutcome::kSuccess) {
    return BadCredentials();
  }
  json::object body{{"user", UserToJson(result.user)}};
  if (return_token) {
    body["token"] = secret;
  }
  Response response = Response::Json(200, Serialize(body));
  response.headers.emplace_back(
      "Set-Cookie", std::string(SessionCookieName(api)) + "=" + secret + CookieAttributes(api));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response Throttled(const LoginThrottle::Admission& refused) {
  Response response =
      MakeProblem(429, Code::kTooManyRequests,
                  refused.by_client ? "too many login attempts from this address: try again later"
                                    : "too many failed logins for this name: try again later");
  response.headers.emplace_back("Retry-After",
                                std::to_string((refused.retry_after_ms + 999) / 1000));
  return response;
}

// Runs `work` on the API's worker threads (on this thread without them). When too many wait
// already, answers 503 with Retry-After: a login flood is shed, not queued without bound.
// Returns false when the work was refused (and answered).
bool OffloadOrRespond(const ApiContext& api, Respond& respond, std::function<void()> work) {
  if (api.workers == nullptr) {
    work();
    return true;
  }
  if (!api.workers->Post(std::move(work))) {
    Response busy = Response::Problem(
        Status::Unavailable("too many password checks are waiting: try again shortly"));
    busy.headers.emplace_back("Retry-After", "1");
    respond(std::move(busy));
    return false;
  }
  return true;
}

// Counts the attempt's outcome against its client and name (login_throttle.h), once.
struct ThrottleTicket {
  LoginThrottle* throttle = nullptr;
  std::string client;
  std::string name;
  void Finish(bool failed, const Clock& clock) {
    if (throttle != nullptr) {
      throttle->Finish(client, name, failed, clock.Now().unix_ms);
      throttle = nullptr;
    }
  }
};

void CheckPassword(const ApiContext& api, std::function<void(std::function<void()>)> defer,
                   Respond respond, std::string username, std::string password, bool return_token,
                   std::shared_ptr<ThrottleTicket> ticket) {
  Result<std::optional<User>> user = api.store->reads().GetUser(username);
  if (!user.ok()) {
    ticket->Finish(false, *api.clock);
    respond(Response::Problem(user.status()));
    return;
  }
  const std::string& hash = user->has_value() ? (*user)->password_hash : DecoyHash();
  const bool password_ok = app::VerifyPassword(hash, password) && user->has_value();
  sodium_memzero(password.data(), password.size());
  // A fresh session at every login: an earlier cookie is never reused (no session fixation).
  const std::string secret = app::NewTokenSecret();
  auto out = std::make_shared<app::LoginResult>();
  const std::string client = ticket->client;
  api.store->Submit(
      app::RecordLogin(std::move(username), password_ok, app::TokenHash(secret), AccountPolicy{},
                       {"anonymous", api.clock}, out, client),
      [&api, defer, respond, out, secret, return_token, ticket](const Status& status) {
        ticket->Finish(!status.ok() || out->outcome != LoginOutcome::kSuccess, *api.clock);
        Response response =
            status.ok() ? LoginAnswer(api, *out, secret, return_token) : Response::Problem(status);
        if (!defer) {
          respond(std::move(response));
          return;
        }
        defer(
            [respond, response = std::move(response)]() mutable { respond(std::move(response)); });
      });
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
  const bool return_token = reader.Bool("return_token", false, false);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto ticket = std::make_shared<ThrottleTicket>();
  if (api.login_throttle != nullptr) {
    const LoginThrottle::Admission admission =
        api.login_throttle->Admit(request.client, username, api.clock->Now().unix_ms);
    if (!admission.admitted) {
      respond(Throttled(admission));
      return;
    }
    *ticket = ThrottleTicket{api.login_throttle, request.client, username};
  }
  // Argon2id takes tens of milliseconds: not on an HTTP thread.
  const bool queued = OffloadOrRespond(
      api, respond,
      [&api, defer = request.defer, respond, username = std::move(username),
       password = std::move(password), return_token, ticket]() mutable {
        CheckPassword(api, std::move(defer), std::move(respond), std::move(username),
                      std::move(password), return_token, ticket);
      });
  if (!queued) {
    ticket->Finish(false, *api.clock);
  }
}

void PostLogout(const ApiContext& api, Request& request, Respond respond) {
  std::string_view secret = BearerToken(request);
  if (secret.empty() || !request.principal.id.starts_with("user:")) {
    secret = SessionCookie(api, request);
  }
  Response cleared = Response::Json(200, R"({"status":"logged_out"})");
  cleared.headers.emplace_back("Set-Cookie", std::string(SessionCookieName(api)) + "=" +
                                                 CookieAttributes(api) + "; Max-Age=0");
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
  OffloadOrRespond(api, respond,
                   [&api, request = std::make_shared<Request>(request), respond,
                    user = std::move(user), password]() mutable {
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
                                  return status.ok()
                                             ? Response::Json(201, Serialize(UserToJson(*out)))
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
             [a = &api, out](const Status& status) {
               if (status.ok() && a->token_cache != nullptr) {
                 a->token_cache->Clear();  // the account's tokens stop working now
               }
               return status.ok() ? Response::Json(200, Serialize(UserToJson(*out)))
                                  : Response::Problem(status);
             });
}

json::object TokenToJson(const ApiToken& token) {
  const auto time = [](const std::optional<Timestamp>& t) {
    return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
  };
  return json::object{
      {"id", token.id},
      {"name", token.name},
      {"role", token.role},
      {"user_id", token.user_id == 0 ? json::value(nullptr) : json::value(token.user_id)},
      {"created_at", FormatRfc3339(token.created_at)},
      {"expires_at", time(token.expires_at)},
      {"revoked", token.revoked},
      {"revoked_at", time(token.revoked_at)},
      {"revoked_by", token.revoked_by}};
}

void ListTokens(const ApiContext& api, Request&, Respond respond) {
  Result<std::vector<ApiToken>> tokens = api.store->reads().ListTokens();
  if (!tokens.ok()) {
    respond(Response::Problem(tokens.status()));
    return;
  }
  json::array data;
  for (const ApiToken& token : *tokens) {
    data.push_back(TokenToJson(token));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void RevokeToken(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(Status::NotFound("no token " + std::string(request.Param("id")))));
    return;
  }
  auto out = std::make_shared<ApiToken>();
  RunCommand(api, request, std::move(respond), app::RevokeToken(*id, ContextOf(api, request), out),
             [a = &api, out](const Status& status) {
               if (status.ok() && a->token_cache != nullptr) {
                 a->token_cache->Clear();  // the token stops working now, not in a few seconds
               }
               return status.ok() ? Response::Json(200, Serialize(TokenToJson(*out)))
                                  : Response::Problem(status);
             });
}

}  // namespace

void RegisterAccountRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("POST", "/api/v1/auth/login",
             {"Log in; sets the session cookie (the token is in the body only with "
              "\"return_token\": true). Every refusal is the same 401; 429 with Retry-After "
              "when a client or a name has failed too often",
              "", true, "Login", "LoginResult", 200},
             [a](Request& r, Respond respond) { PostLogin(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/auth/logout", {"End this session", "", false, "", "", 200},
             [a](Request& r, Respond respond) { PostLogout(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/auth/me",
             {"Who is calling, and what they may do", "", false, "", "Me", 200},
             [a](Request& r, Respond respond) { GetMe(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/users",
             {"Create a staff account", "users:write", false, "NewUser", "User", 201},
             [a](Request& r, Respond respond) { PostUser(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/users",
             {"List staff accounts", "users:read", false, "", "UserList", 200},
             [a](Request& r, Respond respond) { ListUsers(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/users/{username}/disable",
             {"Disable an account and end its sessions", "users:write", false, "", "User", 200},
             [a](Request& r, Respond respond) { SetDisabled(*a, r, std::move(respond), true); });
  router.Add("POST", "/api/v1/users/{username}/enable",
             {"Enable an account again", "users:write", false, "", "User", 200},
             [a](Request& r, Respond respond) { SetDisabled(*a, r, std::move(respond), false); });
  router.Add("GET", "/api/v1/tokens",
             {"API tokens, newest first (never their secrets)", "tokens:manage", false, "",
              "TokenList", 200},
             [a](Request& r, Respond respond) { ListTokens(*a, r, std::move(respond)); });
  router.Add(
      "POST", "/api/v1/tokens/{id}/revoke",
      {"Revoke an API token: it stops working at once", "tokens:manage", false, "", "Token", 200},
      [a](Request& r, Respond respond) { RevokeToken(*a, r, std::move(respond)); });
}

}  // namespace ordo::http
