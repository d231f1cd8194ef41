#include "cli/commands.h"

#include <sodium.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include "app/access.h"
#include "app/import_orders.h"
#include "cli/backup_command.h"
#include "cli/demo.h"
#include "cli/import_command.h"
#include "cli/pii_key.h"
#include "cli/stock_command.h"
#include "cli/supervision_policy.h"
#include "cli/test_clock.h"
#include "cli/tracking_secrets.h"
#include "cli/user_command.h"
#include "http/access_log.h"
#include "cli/waybill_command.h"
#include "cli/export_command.h"
#include "http/export_runner.h"
#include "http/api.h"
#include "http/backup_routes.h"
#include "http/console.h"
#include "http/document_renderer.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::cli {
namespace {

constexpr const char* kPiiKeyFileHelp =
    "File holding the personal-data key (64 hex characters); default: ORDO_PII_KEY, else "
    "DATA/pii.key, created for a new data directory";

struct ServeFlags {
  std::string data_dir = "data";
  std::string listen = "127.0.0.1:8080";
  std::string store_url;
  std::string pii_key_file;
  std::string supervision_policy;  // empty: DATA/supervision.json when it exists, else defaults
  std::string tracking_secrets;    // empty: DATA/tracking-secrets.json when it exists
  std::string payment_secrets;     // empty: DATA/payment-secrets.json when it exists
  std::string test_clock;          // tests only: "now" or an RFC 3339 start (cli/test_clock.h)
  std::string statement_log;       // tests only: where every prepared SQL text is written
  int jobs_interval_s = 60;        // 0: jobs run only at start (and on the test clock's moves)
  bool demo = false;
  int threads = 0;
  bool tls = false;                          // clients reach Ordo over HTTPS, through a proxy
  std::vector<std::string> trusted_proxies;  // whose X-Forwarded-For names the client
  std::string metrics_listen;                // HOST:PORT serving /metrics alone, without auth
  std::string access_log;                    // empty: DATA/access.log; "off": none
  std::string backup_dir;                    // empty: DATA/backups
  std::string backup_copy;                   // the second location of every backup; empty: none
  bool no_backup_schedule = false;           // no daily backup (POST /api/v1/backups still works)
  RetentionPolicy backup_keep;
};

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return Status::Invalid("listen", Code::kInvalidValue, "--listen must be HOST:PORT");
  }
  const std::string port_text = listen.substr(colon + 1);
  int port = -1;
  try {
    port = std::stoi(port_text);
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535 || port_text.empty()) {
    return Status::Invalid("listen", Code::kInvalidValue, "--listen has a bad port");
  }
  return std::make_pair(listen.substr(0, colon), static_cast<uint16_t>(port));
}

// Every subcommand opens the store here, so all of them resolve the personal-data key alike.
Result<std::unique_ptr<Store>> OpenStore(const std::string& data_dir, const std::string& store_url,
                                         const std::string& pii_key_file) {
  if (!store_url.empty()) {
    return Status::Invalid("store", Code::kInvalidValue,
                           "--store: only the embedded store is available in this build");
  }
  sqlite::SqliteOptions options;
  options.data_dir = data_dir;
  ORDO_ASSIGN_OR_RETURN(options.pii_cipher, ResolvePiiCipher(data_dir, pii_key_file));
  options.read_connections =
      static_cast<int>(std::max(2u, std::thread::hardware_concurrency()) * 2);
  return sqlite::OpenSqliteStore(options);
}

// Blocks SIGINT and SIGTERM in every thread, so the main thread can wait for them.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// The access log (http/access_log.h): DATA/access.log unless told otherwise; null when "off".
Result<std::unique_ptr<http::AccessLog>> OpenAccessLog(const ServeFlags& flags,
                                                       const Clock& clock) {
  if (flags.access_log == "off") {
    return std::unique_ptr<http::AccessLog>();
  }
  const std::string path = flags.access_log.empty()
                               ? (std::filesystem::path(flags.data_dir) / "access.log").string()
                               : flags.access_log;
  return http::AccessLog::Open(path, clock);
}

Result<std::unique_ptr<http::Server>> StartMetricsServer(const std::string& listen,
                                                         const http::Router& router,
                                                         const http::ApiContext& api) {
  ORDO_ASSIGN_OR_RETURN(auto address, ParseListen(listen));
  http::ServerOptions options;
  options.host = address.first;
  options.port = address.second;
  options.threads = 1;
  auto server = std::make_unique<http::Server>(router, http::MakeAuthenticator(api),
                                               http::MakeAuthorizer(), options);
  Result<uint16_t> port = server->Start();
  if (!port.ok()) {
    return Status::Unavailable("cannot listen on " + listen +
                               " for metrics: " + port.status().message());
  }
  std::printf("ordo: metrics on http://%s:%u/metrics\n", address.first.c_str(),
              static_cast<unsigned>(*port));
  return server;
}

int Serve(const ServeFlags& flags) {
  const sigset_t signals = BlockStopSignals();
  Result<std::pair<std::string, uint16_t>> listen = ParseListen(flags.listen);
  if (!listen.ok()) {
    spdlog::error("{}", listen.status().message());
    return 2;
  }
  if (!flags.statement_log.empty()) {
    Status logging = sqlite::LogPreparedStatements(flags.statement_log);
    if (!logging.ok()) {
      spdlog::error("{}", logging.message());
      return 2;
    }
  }
  Result<std::unique_ptr<Store>> store =
      OpenStore(flags.data_dir, flags.store_url, flags.pii_key_file);
  if (!store.ok()) {
    spdlog::error("cannot open the store: {}", store.status().message());
    return 1;
  }
  std::vector<std::string> policy_warnings;
  Result<RewardThresholds> supervision =
      LoadSupervisionPolicy(flags.data_dir, flags.supervision_policy, &policy_warnings);
  if (!supervision.ok()) {
    spdlog::error("{}", supervision.status().message());
    return 2;
  }
  for (const std::string& warning : policy_warnings) {
    spdlog::warn("{}", warning);
  }
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    environment.emplace_back(*entry);
  }
  Result<TrackingSecrets> tracking_secrets =
      LoadTrackingSecrets(flags.data_dir, flags.tracking_secrets, environment);
  if (!tracking_secrets.ok()) {
    spdlog::error("{}", tracking_secrets.status().message());
    return 2;
  }
  Result<CallbackSecrets> payment_secrets =
      LoadSecrets(kPaymentSecretsKind, flags.data_dir, flags.payment_secrets, environment);
  if (!payment_secrets.ok()) {
    spdlog::error("{}", payment_secrets.status().message());
    return 2;
  }
  // The system's clock, or with --test-clock one that moves only when told.
  Result<std::unique_ptr<Clock>> serve_clock = MakeServeClock(flags.test_clock);
  if (!serve_clock.ok()) {
    spdlog::error("{}", serve_clock.status().message());
    return 2;
  }
  const Clock& clock = **serve_clock;
  if (flags.demo) {
    Status loaded = LoadDemo(**store, clock);
    if (!loaded.ok()) {
      spdlog::error("cannot load the demo data: {}", loaded.ToString());
      return 1;
    }
    // The console's demo accounts, for whoever started the demo (make run shows this).
    spdlog::info("demo accounts for the console, each with the password {}:", kDemoPassword);
    for (const DemoAccount& account : DemoAccounts()) {
      spdlog::info("  {:<16} {:<17} {}", account.username, account.role, account.display_name);
    }
  }
  http::Metrics metrics;
  Store* raw_store = store->get();
  metrics.AddCounter("ordo_store_transactions_total", "Write transactions committed",
                     [raw_store] { return static_cast<double>(raw_store->Stats().transactions); });
  metrics.AddCounter("ordo_store_commands_total", "Write commands applied",
                     [raw_store] { return static_cast<double>(raw_store->Stats().commands); });
  metrics.AddGauge("ordo_store_queue_depth", "Write commands waiting for the writer",
                   [raw_store] { return static_cast<double>(raw_store->Stats().queue_depth); });
  http::ApiContext api{raw_store, &clock, &metrics, &*supervision};
  const int half_the_cores =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency() / 2));
  // Password hashing: half the cores, at most 32 checks waiting (each holds 19 MiB when run).
  http::WorkerPool workers(half_the_cores, 32);
  api.workers = &workers;
  http::TokenCache token_cache;
  api.token_cache = &token_cache;
  http::LoginThrottle login_throttle;
  api.login_throttle = &login_throttle;
  // Printed documents: half the cores too, two per caller at once (http/document_renderer.h).
  http::DocumentRenderer documents({half_the_cores, 16, 2, 64 << 20});
  api.documents = &documents;
  // Exports (CSV / XLSX): one thread, one export per caller, four waiting; stopped with the
  // server, before the store (http/export_runner.h).
  http::ExportRunner exports({1, 4, 1});
  api.exports = &exports;
  api.tls = flags.tls;
  api.tracking_secrets = &*tracking_secrets;
  spdlog::info("tracking secrets configured for {} carriers", tracking_secrets->size());
  api.payment_secrets = &*payment_secrets;
  // Uploaded order files are imported on a thread of their own, joined before the store stops.
  app::ImportService imports(**store, clock, flags.data_dir + "/imports");
  api.imports = &imports;
  spdlog::info("payment secrets configured for {} providers", payment_secrets->size());
  http::Router router;
  http::RegisterRoutes(router, api);
  // Backups (DAT-2, app/backups.h): one a day by the jobs, or by hand; written on a thread of
  // their own so that no HTTP thread waits for one.
  app::BackupOptions backup_options;
  backup_options.dir = flags.backup_dir.empty()
                           ? (std::filesystem::path(flags.data_dir) / "backups").string()
                           : flags.backup_dir;
  backup_options.copy_dir = flags.backup_copy;
  backup_options.scheduled = !flags.no_backup_schedule;
  backup_options.policy = flags.backup_keep;
  backup_options.writer = MakeBackupFileWriter(flags.data_dir);
  app::BackupService backups(*raw_store, std::move(backup_options));
  http::WorkerPool backup_worker(1, 1);
  http::RegisterBackupRoutes(router, api, &backups, &backup_worker);
  http::RegisterConsole(router, http::ConsoleAssets(), http::DocsAssets());
  // Time-driven work (jobs/job_runner.h): one tick now catches up on what came due while the
  // server was down, then one every jobs_interval_s.
  jobs::JobRunner job_runner(*raw_store, clock);
  // Each finished day's reports as CSV files (jobs/daily_summary.h).
  job_runner.SetReportsDir((std::filesystem::path(flags.data_dir) / "reports").string());
  if (auto* manual = dynamic_cast<ManualClock*>(serve_clock->get())) {
    spdlog::warn("serving on a test clock at {}: POST /api/v1/ops/clock moves it",
                 FormatRfc3339(manual->Now()));
    AddTestClockRoute(router, *manual, job_runner);
  }
  job_runner.RunOnce();
  // The day's backup is left to the ticking thread (its first tick is at once), so that a large
  // store's backup never holds up the start; the test clock's moves take it too.
  job_runner.SetBackups(&backups);
  if (flags.jobs_interval_s > 0) {
    job_runner.Start(std::chrono::seconds(flags.jobs_interval_s));
  }
  Result<std::unique_ptr<http::AccessLog>> access_log = OpenAccessLog(flags, clock);
  if (!access_log.ok()) {
    spdlog::error("{}", access_log.status().message());
    return 1;
  }
  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.threads = flags.threads;
  options.metrics = &metrics;
  options.on_forbidden = http::MakeForbiddenRecorder(api);
  options.trusted_proxies = flags.trusted_proxies;
  // Order files (POST /api/v1/imports) are larger than any JSON body: up to 64 MiB, written to
  // a file at once and then read block by block.
  constexpr size_t kUploadLimitBytes = size_t{64} << 20;
  options.body_limit_for = [](std::string_view method, std::string_view target) -> size_t {
    return method == "POST" && target.substr(0, target.find('?')) == "/api/v1/imports"
               ? kUploadLimitBytes
               : 0;
  };
  options.largest_body_limit_bytes = kUploadLimitBytes;
  if (http::AccessLog* log = access_log->get()) {
    options.on_answered = [log](const http::Request& request, const http::Route* route, int status,
                                int64_t elapsed_us) {
      log->Record(request, route, status, elapsed_us);
    };
  }
  http::Server server(router, http::MakeAuthenticator(api), http::MakeAuthorizer(), options);
  Result<uint16_t> port = server.Start();
  if (!port.ok()) {
    spdlog::error("cannot listen on {}: {}", flags.listen, port.status().message());
    return 1;
  }
  // /metrics alone on a private address, without credentials (Prometheus inside the network).
  http::Router metrics_router;
  http::RegisterMetricsRoute(metrics_router, metrics);
  std::unique_ptr<http::Server> metrics_server;
  if (!flags.metrics_listen.empty()) {
    Result<std::unique_ptr<http::Server>> started =
        StartMetricsServer(flags.metrics_listen, metrics_router, api);
    if (!started.ok()) {
      spdlog::error("{}", started.status().message());
      server.Stop();
      server.Wait();
      return 1;
    }
    metrics_server = std::move(started).value();
  }
  std::printf("ordo: listening on http://%s:%u\n", listen->first.c_str(),
              static_cast<unsigned>(*port));
  std::fflush(stdout);
  std::thread waiter([&server] { server.Wait(); });
  int signal = 0;
  sigwait(&signals, &signal);
  spdlog::info("signal {} received: stopping", signal);
  if (metrics_server) {
    metrics_server->Stop();
    metrics_server->Wait();
  }
  server.Stop();
  waiter.join();
  exports.Shutdown();
  job_runner.Stop();
  imports.Stop();
  (*store)->Shutdown();
  return 0;
}

int Migrate(const std::string& data_dir, const std::string& pii_key_file) {
  Result<std::unique_ptr<Store>> store = OpenStore(data_dir, "", pii_key_file);
  if (!store.ok()) {
    spdlog::error("migration failed: {}", store.status().message());
    return 1;
  }
  std::printf("schema version %d\n", sqlite::LatestSchemaVersion());
  return 0;
}

int CreateToken(const std::string& data_dir, const std::string& pii_key_file,
                app::TokenRequest request) {
  if (request.role.empty() && request.username.empty()) {
    spdlog::error("token create needs --role, or --user for a staff member's own token");
    return 2;
  }
  Result<std::unique_ptr<Store>> store = OpenStore(data_dir, "", pii_key_file);
  if (!store.ok()) {
    spdlog::error("cannot open the store: {}", store.status().message());
    return 1;
  }
  SystemClock clock;
  auto out = std::make_shared<app::TokenOutcome>();
  Status status =
      (*store)->SubmitAndWait(app::CreateToken(std::move(request), {"cli", &clock}, out));
  if (!status.ok()) {
    spdlog::error("cannot create the token: {}", status.ToString());
    return status.kind() == Kind::kInvalid ? 2 : 1;
  }
  std::printf("%s\n", out->secret.c_str());
  return 0;
}

// `ordo token revoke --id N`: 0 when revoked (or already), 1 when there is no such token. A
// running server stops accepting it within its token cache's lifetime (http/token_cache.h).
int RevokeToken(const std::string& data_dir, const std::string& pii_key_file, int64_t id) {
  Result<std::unique_ptr<Store>> store = OpenStore(data_dir, "", pii_key_file);
  if (!store.ok()) {
    spdlog::error("cannot open the store: {}", store.status().message());
    return 1;
  }
  SystemClock clock;
  auto out = std::make_shared<ApiToken>();
  Status status = (*store)->SubmitAndWait(app::RevokeToken(id, {"cli", &clock}, out));
  if (!status.ok()) {
    spdlog::error("cannot revoke the token: {}", status.ToString());
    return 1;
  }
  std::printf("token %lld (%s) revoked\n", static_cast<long long>(out->id), out->name.c_str());
  return 0;
}

// `ordo audit verify`: 0 when the chain is intact and agrees with its checkpoints, 1 naming the
// first fault, 2 when the chain cannot be read. It opens its own read-only connection, so it may
// run beside `serve`. The audit keys come from the master key, resolved as the server does.
int VerifyAudit(const std::string& data_dir, const std::string& pii_key_file) {
  if (!std::filesystem::exists(sqlite::DatabasePath(data_dir))) {
    spdlog::error("cannot verify the audit trail: no database in {}", data_dir);
    return 2;
  }
  Result<std::shared_ptr<const PiiCipher>> keys = ResolvePiiCipher(data_dir, pii_key_file);
  if (!keys.ok()) {
    spdlog::error("cannot verify the audit trail: {}", keys.status().message());
    return 2;
  }
  Result<sqlite::AuditReport> report = sqlite::VerifyAuditLog(data_dir, **keys);
  if (!report.ok()) {
    spdlog::error("cannot verify the audit trail: {}", report.status().message());
    return 2;
  }
  if (const auto& problem = report->problem) {
    std::printf("audit: FAILED at seq %lld: %s (%s); the %lld entries before it are intact\n",
                static_cast<long long>(problem->seq),
                std::string(sqlite::AuditFaultName(problem->fault)).c_str(),
                problem->detail.c_str(), static_cast<long long>(report->entries - 1));
    return 1;
  }
  std::printf("audit: OK, %lld entries; head seq %lld hash %s\n",
              static_cast<long long>(report->entries), static_cast<long long>(report->last_seq),
              report->head_hash.empty() ? "-" : report->head_hash.c_str());
  std::printf(
      "audit: keyed from seq %lld; %lld checkpoints vouch up to seq %lld (%lld newer "
      "entries not yet anchored)\n",
      static_cast<long long>(report->keyed_from), static_cast<long long>(report->checkpoints),
      static_cast<long long>(report->anchored_seq),
      static_cast<long long>(report->last_seq - report->anchored_seq));
  return 0;
}

// The document of the routes `ordo serve` registers, written to stdout (for linting and client
// generators). The routes are registered to be described, never called: no store is opened.
void PrintOpenApiDocument() {
  http::Metrics metrics;
  const http::ApiContext api{nullptr, nullptr, &metrics};
  http::Router router;
  http::RegisterRoutes(router, api);
  http::RegisterBackupRoutes(router, api, nullptr, nullptr);
  std::cout << http::OpenApiDocument(router) << '\n';
}

}  // namespace

int Main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::fprintf(stderr, "ordo: libsodium failed to initialise\n");
    return 1;
  }
  spdlog::set_default_logger(spdlog::stderr_color_mt("ordo"));
  CLI::App app{"Ordo: order management for e-commerce operations"};
  app.require_subcommand(1);

  ServeFlags serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the HTTP API and the web console");
  serve_cmd->add_option("--data", serve.data_dir, "Data directory (created if missing)");
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on (port 0: any)");
  serve_cmd->add_option("--store", serve.store_url, "postgres://… to use PostgreSQL");
  serve_cmd->add_option("--pii-key-file", serve.pii_key_file, kPiiKeyFileHelp);
  serve_cmd->add_flag("--demo", serve.demo, "Load demonstration data once");
  serve_cmd->add_option("--threads", serve.threads, "HTTP threads (default: one per core)");
  serve_cmd->add_option("--supervision-policy", serve.supervision_policy,
                        "Supervision reward thresholds (JSON); default: "
                        "DATA/supervision.json when it exists, else the built-in ones; "
                        "deprecated for time limits, which come from the settings");
  serve_cmd->add_option("--tracking-secrets", serve.tracking_secrets,
                        "Carriers' tracking-callback secrets (JSON {\"SF\": \"…\"}, mode 0600); "
                        "default: DATA/tracking-secrets.json when it exists; "
                        "ORDO_TRACKING_SECRET_<CARRIER> in the environment wins");
  serve_cmd->add_option("--payment-secrets", serve.payment_secrets,
                        "Payment providers' callback secrets (JSON {\"ALIPAY\": \"…\"}, mode "
                        "0600); default: DATA/payment-secrets.json when it exists; "
                        "ORDO_PAYMENT_SECRET_<PROVIDER> in the environment wins");
  serve_cmd->add_option("--jobs-interval", serve.jobs_interval_s,
                        "Seconds between runs of the timed jobs (default 60; 0: at start only)");
  serve_cmd->add_flag("--tls", serve.tls,
                      "Clients reach Ordo over HTTPS through a TLS-terminating proxy: the session "
                      "cookie is then __Host-ordo_session with Secure");
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                        "Address of a proxy whose X-Forwarded-For names the client (repeatable)");
  serve_cmd->add_option("--metrics-listen", serve.metrics_listen,
                        "HOST:PORT serving /metrics alone without credentials (keep it private); "
                        "on --listen, /metrics needs a token with metrics:read");
  serve_cmd->add_option("--access-log", serve.access_log,
                        "Access and security log, one JSON line per request without personal "
                        "data (default DATA/access.log; 'off': none)");
  serve_cmd->add_option("--backup-dir", serve.backup_dir,
                        "Where the daily and manual backups are written (default DATA/backups)");
  serve_cmd->add_option("--backup-copy", serve.backup_copy,
                        "A second location (another disk, a mounted share) every backup is "
                        "copied to and verified in");
  serve_cmd->add_flag("--no-backup-schedule", serve.no_backup_schedule,
                      "Take no daily backup (POST /api/v1/backups still takes one)");
  serve_cmd->add_option("--backup-keep-daily", serve.backup_keep.daily,
                        "Backups kept: the newest of each of the last N days (default 7)")
      ->check(CLI::Range(1, 3660));
  serve_cmd->add_option("--backup-keep-weekly", serve.backup_keep.weekly,
                        "... and of each of the last N weeks (default 4)")
      ->check(CLI::Range(0, 520));
  serve_cmd->add_option("--backup-keep-monthly", serve.backup_keep.monthly,
                        "... and of each of the last N months (default 12)")
      ->check(CLI::Range(0, 1200));
  serve_cmd->add_option("--test-clock", serve.test_clock,
                        "Testing only: run on a clock starting at START ('now' or RFC 3339) that "
                        "moves only through POST /api/v1/ops/clock");
  serve_cmd->add_option("--statement-log", serve.statement_log,
                        "Testing only: write every SQL text the store prepares to FILE, one JSON "
                        "string a line, so a test can check their query plans");

  std::string data_dir = "data";
  CLI::App* migrate_cmd = app.add_subcommand("migrate", "Create or upgrade the database schema");
  migrate_cmd->add_option("--data", data_dir, "Data directory");
  std::string pii_key_file;
  migrate_cmd->add_option("--pii-key-file", pii_key_file, kPiiKeyFileHelp);

  app::TokenRequest token_request;
  CLI::App* token_cmd = app.add_subcommand("token", "Manage API tokens");
  token_cmd->require_subcommand(1);
  CLI::App* token_create = token_cmd->add_subcommand("create", "Create a token; prints it");
  token_create->add_option("--data", data_dir, "Data directory");
  token_create->add_option("--pii-key-file", pii_key_file, kPiiKeyFileHelp);
  token_create->add_option(
      "--role", token_request.role,
      "Role: admin, channel, customer_service, … (with --user: the account's)");
  token_create->add_option("--name", token_request.name, "Name (for a channel token: the channel)");
  token_create->add_option("--user", token_request.username,
                           "A staff member's own token: acts as the account and dies with it");
  token_create->add_option("--expires-in-days", token_request.expires_in_days,
                           "Days the token works (default 90, at most 3650)");
  int64_t revoke_id = 0;
  CLI::App* token_revoke = token_cmd->add_subcommand("revoke", "Revoke a token by its id");
  token_revoke->add_option("--data", data_dir, "Data directory");
  token_revoke->add_option("--pii-key-file", pii_key_file, kPiiKeyFileHelp);
  token_revoke->add_option("--id", revoke_id, "The token's id (GET /api/v1/tokens)")->required();

  UserAddFlags user_flags;
  CLI::App* user_add = AddUserCommand(app, user_flags);

  CLI::App* audit_cmd = app.add_subcommand("audit", "Check the audit trail");
  audit_cmd->require_subcommand(1);
  CLI::App* audit_verify = audit_cmd->add_subcommand(
      "verify", "Check the hash chain; name the first altered, removed or inserted entry");
  audit_verify->add_option("--data", data_dir, "Data directory");
  audit_verify->add_option("--pii-key-file", pii_key_file, kPiiKeyFileHelp);
  CLI::App* stock_verify = AddStockCommand(app, data_dir);
  ImportFlags import_flags;
  CLI::App* import_cmd = AddImportCommand(app, import_flags);
  WaybillFlags waybill_flags;
  const WaybillCommands waybill = AddWaybillCommands(app, waybill_flags);
  BackupFlags backup_flags;
  const BackupCommands backup = AddBackupCommands(app, backup_flags);
  ExportFlags export_flags;
  CLI::App* export_cmd = AddExportCommand(app, export_flags);

  app.add_subcommand("version", "Print the version")->callback([] {
    std::printf("ordo %s\n", kOrdoVersion);
  });
  app.add_subcommand("openapi",
                     "Print the OpenAPI document `ordo serve` publishes at /api/v1/openapi.json "
                     "(without the test clock's route)")
      ->callback([] { PrintOpenApiDocument(); });

  CLI11_PARSE(app, argc, argv);
  if (serve_cmd->parsed()) {
    return Serve(serve);
  }
  if (migrate_cmd->parsed()) {
    return Migrate(data_dir, pii_key_file);
  }
  if (token_create->parsed()) {
    return CreateToken(data_dir, pii_key_file, std::move(token_request));
  }
  if (token_revoke->parsed()) {
    return RevokeToken(data_dir, pii_key_file, revoke_id);
  }
  if (audit_verify->parsed()) {
    return VerifyAudit(data_dir, pii_key_file);
  }
  if (import_cmd->parsed()) {
    return RunImportCommand(import_flags);
  }
  if (stock_verify->parsed()) {
    return RunStockVerify(data_dir);
  }
  if (backup.backup->parsed()) {
    return RunBackup(backup_flags);
  }
  if (backup.restore->parsed()) {
    return RunRestore(backup_flags);
  }
  if (waybill.load->parsed() || waybill.list->parsed()) {
    Result<std::unique_ptr<Store>> store =
        OpenStore(waybill_flags.data_dir, "", waybill_flags.pii_key_file);
    if (!store.ok()) {
      spdlog::error("cannot open the store: {}", store.status().message());
      return 1;
    }
    const int rc =
        waybill.load->parsed() ? RunWaybillLoad(waybill_flags, **store) : RunWaybillList(**store);
    (*store)->Shutdown();
    return rc;
  }
  if (export_cmd->parsed()) {
    Result<std::unique_ptr<Store>> store =
        OpenStore(export_flags.data_dir, "", export_flags.pii_key_file);
    if (!store.ok()) {
      spdlog::error("cannot open the store: {}", store.status().message());
      return 1;
    }
    SystemClock clock;
    const int rc = RunExport(export_flags, **store, clock);
    (*store)->Shutdown();
    return rc;
  }
  if (user_add->parsed()) {
    Result<std::unique_ptr<Store>> store =
        OpenStore(user_flags.data_dir, "", user_flags.pii_key_file);
    if (!store.ok()) {
      spdlog::error("cannot open the store: {}", store.status().message());
      return 1;
    }
    return RunUserAdd(user_flags, **store);
  }
  return 0;
}

}  // namespace ordo::cli
