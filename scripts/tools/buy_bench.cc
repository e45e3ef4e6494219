// buy_bench: the full buy path of `make bench`, which wrk cannot drive (three
// dependent requests, two hosts). Each of N connections loops, for the next
// bench user in rotation:
//   POST /api/v1/orders                     -> 201 (order_id, order_no)
//   POST /api/v1/payments/wechat/prepare    -> 200 (JSAPI order at the fake, paySign)
//   POST <fake>/_control/pay {normal}       -> the fake delivers a signed, encrypted
//        TRANSACTION.SUCCESS to nginx -> payments worker, which verifies, decrypts and
//        applies it; the fake reports our answer: [204] means the order is paid
// and counts a path only when all three succeeded. Prints one line in the format
// of scripts/bench's wrk runs: "buy-path <paths/s> <p50 ms> <p99 ms> <failed> 0".
//
//   buy_bench --base http://127.0.0.1:19080 --fake http://127.0.0.1:20101
//             --users bench-users.txt [--connections 32] [--seconds 10]
#include <httplib.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct User {
  std::string token, body;
};

struct Options {
  std::string base, fake, users_file;
  int connections = 32;
  int seconds = 10;
};

std::vector<User> LoadUsers(const std::string& path) {
  std::vector<User> users;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string token, address, product, color, size;
    if (!(ss >> token >> address >> product >> color >> size)) continue;
    users.push_back({token, "{\"items\":[{\"product_id\":" + product + ",\"color\":\"" + color +
                                "\",\"size\":\"" + size +
                                "\",\"quantity\":1}],\"address_id\":" + address + "}"});
  }
  return users;
}

// A string member of the envelope's data, or of the object itself.
std::string Member(const std::string& body, const char* name, bool in_data) {
  rapidjson::Document d;
  d.Parse(body.data(), body.size());
  if (d.HasParseError() || !d.IsObject()) return "";
  const rapidjson::Value* v = &d;
  if (in_data) {
    if (!d.HasMember("data") || !d["data"].IsObject()) return "";
    v = &d["data"];
  }
  auto it = v->FindMember(name);
  if (it == v->MemberEnd()) return "";
  if (it->value.IsString()) return it->value.GetString();
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  if (it->value.IsArray()) {
    std::string out;
    for (const auto& e : it->value.GetArray())
      out += (e.IsInt() ? std::to_string(e.GetInt()) : "?") + ",";
    return out;
  }
  return "";
}

// One full path; true when the order ended paid.
bool BuyOnce(httplib::Client& api, httplib::Client& fake, const User& u) {
  httplib::Headers auth{{"Authorization", "Bearer " + u.token}};
  auto order = api.Post("/api/v1/orders", auth, u.body, "application/json");
  if (!order || order->status != 201) return false;
  const std::string order_id = Member(order->body, "order_id", true);
  const std::string order_no = Member(order->body, "order_no", true);
  auto prep = api.Post("/api/v1/payments/wechat/prepare", auth, "{\"order_id\":" + order_id + "}",
                       "application/json");
  if (!prep || prep->status != 200 || Member(prep->body, "paySign", true).empty()) return false;
  auto pay =
      fake.Post("/_control/pay", "{\"out_trade_no\":\"" + order_no + "\",\"mode\":\"normal\"}",
                "application/json");
  return pay && pay->status == 200 && Member(pay->body, "responses", false) == "204,";
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--base")
      o.base = v;
    else if (k == "--fake")
      o.fake = v;
    else if (k == "--users")
      o.users_file = v;
    else if (k == "--connections")
      o.connections = std::max(1, std::atoi(v.c_str()));
    else if (k == "--seconds")
      o.seconds = std::max(1, std::atoi(v.c_str()));
  }
  if (o.base.empty() || o.fake.empty() || o.users_file.empty()) {
    std::fprintf(stderr,
                 "usage: %s --base URL --fake URL --users FILE [--connections N] [--seconds S]\n",
                 argv[0]);
    return 2;
  }
  const std::vector<User> users = LoadUsers(o.users_file);
  if (users.empty()) {
    std::fprintf(stderr, "buy_bench: no users in %s\n", o.users_file.c_str());
    return 1;
  }
  std::atomic<long> ok{0}, failed{0}, next{0};
  std::mutex mu;
  std::vector<double> latencies_ms;
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::seconds(o.seconds);
  std::vector<std::thread> threads;
  for (int t = 0; t < o.connections; ++t) {
    threads.emplace_back([&] {
      httplib::Client api(o.base), fake(o.fake);
      api.set_keep_alive(true);
      fake.set_keep_alive(true);
      api.set_tcp_nodelay(true);  // else Nagle + delayed ACK stall each POST ~40 ms
      fake.set_tcp_nodelay(true);
      api.set_read_timeout(10, 0);
      fake.set_read_timeout(10, 0);
      std::vector<double> mine;
      while (std::chrono::steady_clock::now() < end) {
        const User& u = users[static_cast<size_t>(next++) % users.size()];
        auto t0 = std::chrono::steady_clock::now();
        bool good = BuyOnce(api, fake, u);
        auto t1 = std::chrono::steady_clock::now();
        if (good) {
          ++ok;
          mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        } else {
          ++failed;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& th : threads) th.join();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double p) {
    if (latencies_ms.empty()) return 0.0;
    size_t i = static_cast<size_t>(p * static_cast<double>(latencies_ms.size() - 1));
    return latencies_ms[i];
  };
  std::printf("buy-path %.2f %.2f %.2f %ld 0\n", static_cast<double>(ok.load()) / secs, pct(0.50),
              pct(0.99), failed.load());
  return 0;
}
