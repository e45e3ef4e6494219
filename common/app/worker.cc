// Worker process runtime: config -> pools -> routes -> FastCGI threads -> drain on SIGTERM.
#include "app/worker.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>

#include <fcgiapp.h>

#include "auth/token_auth.h"
#include "core/log.h"
#include "http/fcgi_server.h"

namespace rz {
namespace {

struct Args {
  std::string config;
  std::string listen;
  int threads = 0;
  bool check_routes = false;
};

// --check-routes: the route-table rules every area must satisfy (no duplicate
// method+shape; every admin route names a permission). Prints the table.
int CheckRoutes(const Router& router) {
  int bad = 0;
  for (const auto& d : router.Duplicates()) {
    std::printf("DUPLICATE %s\n", d.c_str());
    ++bad;
  }
  for (const auto& r : router.routes()) {
    const char* realm = r.realm == Realm::kPublic         ? "public"
                        : r.realm == Realm::kOptionalUser ? "optional-user"
                        : r.realm == Realm::kUser         ? "user"
                                                          : "admin";
    std::printf("%-6s %-50s %-13s %s\n", r.method.c_str(), r.pattern.c_str(), realm,
                r.permission.c_str());
    if (r.realm == Realm::kAdmin && r.permission.empty()) {
      std::printf("MISSING PERMISSION %s %s\n", r.method.c_str(), r.pattern.c_str());
      ++bad;
    }
    if (!r.handler) {
      std::printf("NO HANDLER %s %s\n", r.method.c_str(), r.pattern.c_str());
      ++bad;
    }
  }
  return bad == 0 ? 0 : 1;
}

Args ParseArgs(int argc, char** argv) {
  Args a;
  if (const char* env = std::getenv("RUIZHU_CONFIG")) a.config = env;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(k + " needs a value");
      return argv[++i];
    };
    if (k == "--config")
      a.config = next();
    else if (k == "--listen")
      a.listen = next();
    else if (k == "--threads")
      a.threads = std::atoi(next().c_str());
    else if (k == "--check-routes")
      a.check_routes = true;
    else if (k == "--help" || k == "-h") {
      std::cout << "usage: " << argv[0]
                << " --config FILE [--listen PATH|HOST:PORT] [--threads N] [--check-routes]\n"
                << "Without --listen the FastCGI socket is fd 0 (spawn-fcgi, systemd).\n";
      std::exit(0);
    } else {
      throw std::runtime_error("unknown argument " + k);
    }
  }
  return a;
}

}  // namespace

std::unique_ptr<WorkerContext> MakeWorkerContext(const std::string& area, const Config& cfg) {
  auto ctx = std::make_unique<WorkerContext>();
  ctx->area = area;
  ctx->config = cfg;
  ctx->db = std::make_unique<Db>(cfg);
  ctx->redis = std::make_unique<Redis>(cfg);
  auto key = crypto::HexDecode(cfg.Get("crypto.field_key"));
  auto idx = crypto::HexDecode(cfg.Get("crypto.index_key"));
  if (key && idx && key->size() == 32 && idx->size() == 32) {
    ctx->cipher = std::make_unique<crypto::FieldCipher>(*key, *idx);
  }
  return ctx;
}

int RunWorker(int argc, char** argv, const std::string& area, RoutesFactory routes) {
  try {
    Args args = ParseArgs(argc, argv);
    if (args.check_routes) {
      // Pools connect lazily, so building the table needs no running services.
      Config cfg = Config::Load(args.config);
      auto ctx = MakeWorkerContext(area, cfg);
      return CheckRoutes(routes(*ctx));
    }
    Config cfg = Config::Load(args.config);
    std::string log_dir = cfg.Get("log.dir");
    LogInit(log_dir.empty() ? "" : log_dir + "/" + area + ".log",
            ParseLogLevel(cfg.Get("log.level", "info")), area);

    // Signals are taken by one watcher thread; every other thread blocks them.
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
    signal(SIGPIPE, SIG_IGN);

    auto ctx = MakeWorkerContext(area, cfg);
    if (!ctx->cipher)
      throw std::runtime_error("crypto.field_key / crypto.index_key must be 64 hex chars");
    std::string secret = cfg.Require("jwt.secret");
    auto auth = std::make_shared<TokenAuthenticator>(secret, *ctx->db, *ctx->redis,
                                                     cfg.Get("jwt.admin_secret"));

    DispatcherOptions opts;
    opts.area = area;
    opts.version = cfg.Get("version", "dev");
    opts.max_body = static_cast<size_t>(cfg.GetInt("http.max_body", 1 << 20));
    opts.access_log = cfg.GetBool("log.access", true);
    Db* db = ctx->db.get();
    Redis* redis = ctx->redis.get();
    opts.health = [db, redis](bool* m, bool* r) {
      *m = db->Ping();
      *r = redis->Ping();
    };
    Dispatcher dispatcher(routes(*ctx), auth, opts);

    if (FCGX_Init() != 0) throw std::runtime_error("FCGX_Init failed");
    int fd = OpenListenSocket(args.listen);
    int threads =
        args.threads > 0 ? args.threads : static_cast<int>(cfg.GetInt("worker.threads", 8));
    FcgiServer server(dispatcher, fd, threads);
    server.Start();
    LogInfo("worker started", {{"threads", std::to_string(threads)},
                               {"listen", args.listen.empty() ? "fd0" : args.listen}});

    int sig = 0;
    while (true) {
      sigwait(&sigs, &sig);
      if (sig != SIGHUP) break;  // SIGHUP: nothing to reload yet; keep serving
    }
    server.Stop();
    bool drained = server.Drain(static_cast<int>(cfg.GetInt("worker.drain_ms", 10000)));
    LogInfo("worker stopping",
            {{"signal", std::to_string(sig)}, {"drained", drained ? "true" : "false"}});
    LogFlush();
    // Threads parked in accept() are left to the exit; skip static destructors they could race
    // with.
    std::_Exit(0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: fatal: %s\n", area.c_str(), e.what());
    LogError("fatal", {{"error", e.what()}});
    LogFlush();
    return 1;
  }
}

}  // namespace rz
