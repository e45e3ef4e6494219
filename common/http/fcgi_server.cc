// libfcgi threaded accept loop.
#include "http/fcgi_server.h"

#include <fcgiapp.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "core/log.h"

namespace rz {
namespace {

const char* StatusText(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// FastCGI parameter -> header name of the WeChat Pay signature headers.
constexpr std::pair<const char*, const char*> kWechatpayHeaders[] = {
    {"HTTP_WECHATPAY_TIMESTAMP", "Wechatpay-Timestamp"},
    {"HTTP_WECHATPAY_NONCE", "Wechatpay-Nonce"},
    {"HTTP_WECHATPAY_SIGNATURE", "Wechatpay-Signature"},
    {"HTTP_WECHATPAY_SERIAL", "Wechatpay-Serial"},
};

std::string Param(FCGX_ParamArray envp, const char* name) {
  const char* v = FCGX_GetParam(name, envp);
  return v ? v : "";
}

// Runs a streamed response's writer; each chunk goes to nginx as it comes.
void WriteStream(const Response& res, const Request& req, FCGX_Stream* out) {
  try {
    res.stream([out](const std::string& chunk) {
      if (!chunk.empty()) FCGX_PutStr(chunk.data(), static_cast<int>(chunk.size()), out);
    });
  } catch (const std::exception& e) {
    LogError("streamed response cut short", {{"req", req.request_id}, {"error", e.what()}});
  }
}

// Releases the libfcgi request's resources when the thread exits.
struct RequestGuard {
  FCGX_Request* r;
  ~RequestGuard() { FCGX_Free(r, 1); }
};

}  // namespace

int OpenListenSocket(const std::string& listen, int backlog) {
  if (listen.empty()) return 0;
  int fd = FCGX_OpenSocket(listen.c_str(), backlog);
  if (fd < 0) throw std::runtime_error("cannot listen on " + listen);
  return fd;
}

FcgiServer::FcgiServer(Dispatcher& d, int listen_fd, int threads)
    : dispatcher_(d), listen_fd_(listen_fd), threads_(threads < 1 ? 1 : threads) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  unix_socket_ = getsockname(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0 &&
                 addr.ss_family == AF_UNIX;
}

void FcgiServer::ThreadLoop() {
  FCGX_Request fr;
  FCGX_InitRequest(&fr, listen_fd_, 0);
  RequestGuard guard{&fr};
  const size_t max_body = dispatcher_.max_body();
  for (;;) {
    if (FCGX_Accept_r(&fr) < 0) {
      if (stopping_.load()) break;
      continue;
    }
    in_flight_++;
    Request req;
    Response res;
    req.method = Param(fr.envp, "REQUEST_METHOD");
    req.path = Param(fr.envp, "DOCUMENT_URI");
    if (req.path.empty()) {
      req.path = Param(fr.envp, "REQUEST_URI");
      size_t q = req.path.find('?');
      if (q != std::string::npos) req.path.resize(q);
    }
    req.query_string = Param(fr.envp, "QUERY_STRING");
    req.content_type = Param(fr.envp, "CONTENT_TYPE");
    req.remote_addr = Param(fr.envp, "REMOTE_ADDR");
    req.request_id = Param(fr.envp, "REQUEST_ID");
    req.authorization = Param(fr.envp, "HTTP_AUTHORIZATION");
    req.idempotency_key = Param(fr.envp, "HTTP_IDEMPOTENCY_KEY");
    req.user_agent = Param(fr.envp, "HTTP_USER_AGENT");
    for (const auto& [param, name] : kWechatpayHeaders) {
      if (const char* v = FCGX_GetParam(param, fr.envp)) req.wechatpay_headers[name] = v;
    }
    size_t declared =
        static_cast<size_t>(std::strtoull(Param(fr.envp, "CONTENT_LENGTH").c_str(), nullptr, 10));
    if (declared > 0) {
      // Read at most limit+1 bytes: enough to know it is too large.
      size_t want = declared > max_body ? max_body + 1 : declared;
      req.body.resize(want);
      int got = FCGX_GetStr(&req.body[0], static_cast<int>(want), fr.in);
      req.body.resize(got > 0 ? static_cast<size_t>(got) : 0);
    }
    req.query = Query(req.query_string);
    dispatcher_.Handle(req, res, declared);

    std::string head = "Status: " + std::to_string(res.status) + " " + StatusText(res.status) +
                       "\r\nContent-Type: " + res.content_type + "\r\n";
    for (const auto& [k, v] : res.headers) head += k + ": " + v + "\r\n";
    if (res.stream) {
      head += "\r\n";  // no length: nginx sends the stream on chunked
      FCGX_PutStr(head.data(), static_cast<int>(head.size()), fr.out);
      if (req.method != "HEAD") WriteStream(res, req, fr.out);
    } else {
      head += "Content-Length: " + std::to_string(res.body.size()) + "\r\n\r\n";
      FCGX_PutStr(head.data(), static_cast<int>(head.size()), fr.out);
      if (req.method != "HEAD")
        FCGX_PutStr(res.body.data(), static_cast<int>(res.body.size()), fr.out);
    }
    // libfcgi closes with a "lingering close" (shutdown, then wait for the peer
    // to close): an extra poll/read and wake-up per request. On a unix socket
    // whose request was read to the end nothing can be lost by closing at
    // once, so the request is detached, which makes the close immediate.
    if (unix_socket_) FCGX_Detach(&fr);
    FCGX_Finish_r(&fr);
    in_flight_--;
    if (stopping_.load()) break;
  }
}

void FcgiServer::Start() {
  for (int i = 0; i < threads_; ++i) std::thread([this] { ThreadLoop(); }).detach();
}

bool FcgiServer::Drain(int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 10) {
    if (in_flight_.load() == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return in_flight_.load() == 0;
}

}  // namespace rz
