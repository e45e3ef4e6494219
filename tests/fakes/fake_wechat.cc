// fake_wechat: the WeChat server API fake for tests and the local stack
// (routes in fake_wechat_routes.h), the WeChat Pay v3 fake (fake_wechatpay_routes.h) and
// the express tracking fake (fake_express_routes.h).
// Usage: fake_wechat --port N [--host 127.0.0.1] [--config FILE]
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "core/config.h"
#include "tests/fakes/fake_express_routes.h"
#include "tests/fakes/fake_wechat_routes.h"
#include "tests/fakes/fake_wechatpay_routes.h"

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string config_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) {
      port = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--host") == 0) {
      host = argv[i + 1];
    } else if (std::strcmp(argv[i], "--config") == 0) {
      config_path = argv[i + 1];
    } else {
      break;
    }
  }
  if (port <= 0 || port > 65535 || argc % 2 == 0) {
    std::fprintf(stderr, "usage: %s --port N [--host 127.0.0.1] [--config FILE]\n", argv[0]);
    return 2;
  }

  // Block the stop signals in every thread; main waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server svr;
  svr.set_tcp_nodelay(true);  // answers are written in pieces: no Nagle/delayed-ACK stalls
  rz::RegisterFakeWechat(svr);
  // Express tracking credentials come from the stack's config (express.customer/key).
  const rz::Config cfg = config_path.empty() ? rz::Config() : rz::Config::Load(config_path);
  rz::RegisterFakeExpress(svr, cfg.Get("express.customer", "RUIZHUTEST"),
                          cfg.Get("express.key", "fake-express-key"));
  rz::RegisterFakeWechatPay(svr, cfg);
  svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    std::fprintf(stderr, "fake_wechat %s %s %d %zu\n", req.method.c_str(), req.path.c_str(),
                 res.status, res.body.size());
  });
  if (!svr.bind_to_port(host, port)) {
    std::fprintf(stderr, "fake_wechat: cannot listen on %s:%d\n", host.c_str(), port);
    return 1;
  }
  std::fprintf(stderr, "fake_wechat listening on %s:%d\n", host.c_str(), port);

  std::thread server([&svr] {
    if (!svr.listen_after_bind()) std::fprintf(stderr, "fake_wechat: listen failed\n");
    kill(getpid(), SIGTERM);  // wake main if the server stopped on its own
  });
  int sig = 0;
  sigwait(&stop_signals, &sig);
  svr.stop();
  server.join();
  std::fprintf(stderr, "fake_wechat stopped (signal %d)\n", sig);
  return 0;
}
