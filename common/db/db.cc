// SOCI session pool.
#include "db/db.h"

#include <soci/mysql/soci-mysql.h>

#include <chrono>

#include "core/log.h"

namespace rz {

bool IsConnectionError(const soci::soci_error& e) {
  if (e.get_error_category() == soci::soci_error::connection_error) return true;
  unsigned n = MysqlErrorNumber(e);
  // 2002/2003 cannot connect, 2006 gone away, 2013 lost, 1927 killed, 1053 shutdown, 1040 too many
  // connections.
  return n == 2002 || n == 2003 || n == 2006 || n == 2013 || n == 1927 || n == 1053 || n == 1040;
}

unsigned MysqlErrorNumber(const soci::soci_error& e) {
  if (const auto* m = dynamic_cast<const soci::mysql_soci_error*>(&e)) return m->err_num_;
  return 0;
}

static std::string Quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

Db::Db(const Config& cfg) : size_(static_cast<size_t>(cfg.GetInt("mysql.pool_size", 8))) {
  std::string cs = "db=" + Quote(cfg.Get("mysql.database", "ruizhu")) +
                   " user=" + Quote(cfg.Get("mysql.user", "ruizhu")) +
                   " password=" + Quote(cfg.Get("mysql.password", "")) +
                   " charset=utf8mb4 connect_timeout=3 read_timeout=10 write_timeout=10";
  std::string sock = cfg.Get("mysql.socket");
  if (!sock.empty()) {
    cs += " unix_socket=" + Quote(sock);
  } else {
    cs += " host=" + Quote(cfg.Get("mysql.host", "127.0.0.1")) +
          " port=" + cfg.Get("mysql.port", "3306");
  }
  connect_string_ = cs;
  if (size_ == 0) size_ = 1;
}

Db::~Db() = default;

std::unique_ptr<soci::session> Db::Take() {
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, std::chrono::seconds(5),
                    [&] { return !idle_.empty() || out_ < size_; })) {
    throw Unavailable("database pool exhausted");
  }
  ++out_;
  if (!idle_.empty()) {
    auto s = std::move(idle_.back());
    idle_.pop_back();
    return s;
  }
  lock.unlock();
  try {
    auto s = std::make_unique<soci::session>(soci::mysql, connect_string_);
    // Every DATETIME we store or compare is UTC.
    *s << "SET time_zone = '+00:00'";
    return s;
  } catch (const soci::soci_error& e) {
    {
      std::lock_guard<std::mutex> g(mu_);
      --out_;
    }
    cv_.notify_one();
    LogWarn("mysql connect failed", {{"error", e.what()}});
    throw Unavailable("database unavailable");
  }
}

void Db::Give(std::unique_ptr<soci::session> s) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --out_;
    if (s) idle_.push_back(std::move(s));
  }
  cv_.notify_one();
}

Db::Lease::Lease(Db* db) : db_(db), session_(db->Take()) {}
Db::Lease::~Lease() { db_->Give(std::move(session_)); }

bool Db::Ping() {
  try {
    return Run([](soci::session& s) {
      int one = 0;
      s << "SELECT 1", soci::into(one);
      return one == 1;
    });
  } catch (...) {
    return false;
  }
}

}  // namespace rz
