// Routes of the fake Kuaidi100-style express tracking API (wechat.md "Express
// tracking"), served by the fake_wechat binary next to the WeChat fakes:
//   POST /poll/query.do   form customer, sign, param={"com","num"}; the sign must be
//                         upper hex MD5(param + key + customer) else returnCode 503.
//       num "SF..."   -> signed for (state "3"), 4 events, newest first
//       num "YT..."   -> in transit (state "0"), 2 events
//       num "DOWN..." -> HTTP 502 (an outage)
//       anything else -> {"result":false,"returnCode":"500","message":"查询无结果..."}
//   GET  /_control/express/stats?num=N  -> {"queries": all queries, "num_queries": for N}
// Event times are China time (UTC+8), as the real API sends them.
#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/json_out.h"
#include "crypto/crypto.h"

namespace rz {

namespace fake_express {

struct State {
  std::string customer;
  std::string key;
  std::atomic<long> queries{0};
  std::mutex mu;
  std::map<std::string, long> by_number;
};

inline void Refuse(httplib::Response& res, const char* code, const char* message) {
  JsonOut j;
  j.StartObject().Key("result").Bool(false).Key("returnCode").String(code);
  j.Key("message").String(message).EndObject();
  res.set_content(j.str(), "application/json;charset=UTF-8");
}

inline std::string UpperMd5(const std::string& s) {
  std::string hex = crypto::Md5Hex(s);
  for (char& c : hex) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  return hex;
}

inline void Trace(httplib::Response& res, const std::string& com, const std::string& num,
                  const char* state,
                  const std::vector<std::pair<const char*, const char*>>& events) {
  JsonOut j;
  j.StartObject().Key("message").String("ok").Key("nu").String(num).Key("ischeck");
  j.String(std::string(state) == "3" ? "1" : "0").Key("com").String(com);
  j.Key("status").String("200").Key("condition").String("F00").Key("state").String(state);
  j.Key("data").StartArray();
  for (const auto& [time, context] : events) {
    j.StartObject().Key("time").String(time).Key("ftime").String(time);
    j.Key("context").String(context).EndObject();
  }
  j.EndArray().EndObject();
  res.set_content(j.str(), "application/json;charset=UTF-8");
}

}  // namespace fake_express

inline void RegisterFakeExpress(httplib::Server& svr, std::string customer, std::string key) {
  auto st = std::make_shared<fake_express::State>();
  st->customer = std::move(customer);
  st->key = std::move(key);

  svr.Post("/poll/query.do", [st](const httplib::Request& req, httplib::Response& res) {
    ++st->queries;
    const std::string customer = req.get_param_value("customer");
    const std::string sign = req.get_param_value("sign");
    const std::string param = req.get_param_value("param");
    if (customer.empty() || sign.empty() || param.empty()) {
      return fake_express::Refuse(res, "400", "提交的数据不完整");
    }
    if (customer != st->customer || sign != fake_express::UpperMd5(param + st->key + customer)) {
      return fake_express::Refuse(res, "503", "验证签名失败");
    }
    rapidjson::Document p;
    p.Parse(param.data(), param.size());
    if (p.HasParseError() || !p.IsObject() || !p.HasMember("com") || !p["com"].IsString() ||
        !p.HasMember("num") || !p["num"].IsString() || p["com"].GetStringLength() == 0) {
      return fake_express::Refuse(res, "400", "找不到对应公司");
    }
    const std::string com = p["com"].GetString();
    const std::string num = p["num"].GetString();
    {
      std::lock_guard<std::mutex> g(st->mu);
      ++st->by_number[num];
    }
    if (num.rfind("DOWN", 0) == 0) {
      res.status = 502;
      res.set_content("bad gateway", "text/plain");
      return;
    }
    if (num.rfind("SF", 0) == 0) {
      return fake_express::Trace(res, com, num, "3",
                                 {{"2024-10-27 14:30:00", "已签收，签收人：本人"},
                                  {"2024-10-27 09:10:00", "快件交给派送员，正在派送途中"},
                                  {"2024-10-26 22:05:00", "快件到达【上海浦东转运中心】"},
                                  {"2024-10-26 18:00:00", "顺丰速运 已收取快件"}});
    }
    if (num.rfind("YT", 0) == 0) {
      return fake_express::Trace(res, com, num, "0",
                                 {{"2024-10-26 08:00:00", "快件已发往【北京转运中心】"},
                                  {"2024-10-25 20:00:00", "圆通速递 已揽收"}});
    }
    fake_express::Refuse(res, "500", "查询无结果，请隔段时间再查");
  });

  svr.Get("/_control/express/stats", [st](const httplib::Request& req, httplib::Response& res) {
    long n = 0;
    {
      std::lock_guard<std::mutex> g(st->mu);
      auto it = st->by_number.find(req.get_param_value("num"));
      if (it != st->by_number.end()) n = it->second;
    }
    JsonOut j;
    j.StartObject().Key("queries").Int(st->queries.load()).Key("num_queries").Int(n).EndObject();
    res.set_content(j.str(), "application/json");
  });
}

}  // namespace rz
