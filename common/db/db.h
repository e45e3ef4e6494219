// MySQL access through SOCI: a fixed-size pool of lazily opened sessions.
// Every query binds its values (soci::use); nothing here builds SQL from input.
//
//   auto n = db.Run([&](soci::session& s) { int n; s << "SELECT COUNT(*) FROM t", soci::into(n);
//   return n; });
//
// Run() hands the callable a healthy session. If the server is unreachable or
// the connection drops, the session is discarded and, once, reopened and the
// callable re-run (so the callable must be safe to repeat: a read, or a whole
// transaction that had not committed); if that also fails, ApiError 5002.
#pragma once

#include <soci/soci.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/error.h"

namespace rz {

bool IsConnectionError(const soci::soci_error& e);
// MySQL error number of a SOCI error (0 when unknown), e.g. 1062 duplicate key.
unsigned MysqlErrorNumber(const soci::soci_error& e);

class Db {
 public:
  // Reads mysql.* keys (socket or host/port, user, password, database, pool_size).
  explicit Db(const Config& cfg);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  template <class F>
  auto Run(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    for (int attempt = 0;; ++attempt) {
      Lease lease(this);
      try {
        return f(lease.session());
      } catch (const soci::soci_error& e) {
        if (!IsConnectionError(e)) throw;
        lease.Discard();
        if (attempt >= 1) throw Unavailable("database unavailable");
      }
    }
  }

  // SELECT 1 on a pooled session; false when the server does not answer.
  bool Ping();
  const std::string& connect_string() const { return connect_string_; }

 private:
  class Lease {
   public:
    explicit Lease(Db* db);
    ~Lease();
    soci::session& session() { return *session_; }
    void Discard() { session_.reset(); }

   private:
    Db* db_;
    std::unique_ptr<soci::session> session_;
  };

  std::unique_ptr<soci::session> Take();
  void Give(std::unique_ptr<soci::session> s);

  std::string connect_string_;
  size_t size_;
  size_t out_ = 0;  // sessions handed out
  std::vector<std::unique_ptr<soci::session>> idle_;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace rz
