// The FastCGI transport: N threads, each with its own FCGX_Request, looping on
// FCGX_Accept_r over one listening socket (libfcgi's threaded example). Reads
// the request into rz::Request, runs the dispatcher, writes the response.
#pragma once

#include <atomic>
#include <string>

#include "http/dispatcher.h"

namespace rz {

// Opens the listening socket: "" -> fd 0 (spawn-fcgi / systemd StandardInput=socket),
// "/path.sock" -> unix socket, "host:port" or ":port" -> TCP.
int OpenListenSocket(const std::string& listen, int backlog = 1024);

// Graceful stop does not touch the listening socket (under systemd socket
// activation it is shared with systemd and must survive a restart): Stop()
// marks the server stopping, and Drain() waits until no request is in flight;
// the caller then exits the process, leaving threads parked in accept().
class FcgiServer {
 public:
  FcgiServer(Dispatcher& dispatcher, int listen_fd, int threads);
  // Starts the threads and returns.
  void Start();
  void Stop() { stopping_ = true; }
  // Waits (up to timeout_ms) until no request is in flight; true if drained.
  bool Drain(int timeout_ms);

 private:
  void ThreadLoop();
  Dispatcher& dispatcher_;
  int listen_fd_;
  int threads_;
  bool unix_socket_ = false;
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0};
};

}  // namespace rz
