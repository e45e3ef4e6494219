// Role-based access over the admin API, through nginx: for each built-in role a
// table of calls it may make and calls it must be refused (4002, before the
// handler runs), plus realm separation. "Allowed" means the permission check
// passed: the answer is not 4001/4002 (a probe of a missing id may well be 4003).
#define BOOST_TEST_MODULE admin_rbac
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <string>
#include <vector>

#include "tests/integration/support/admin.h"

using namespace rz::test;

namespace {

struct Probe {
  const char* method;
  const char* path;  // after /api/admin/v1
  const char* body;
};

ApiResponse Send(const AdminSession& a, const Probe& p) {
  return Call(p.method, std::string(kAdminBase) + p.path, p.body, a.access_token);
}

void ExpectAllowed(const std::string& role, const std::vector<Probe>& probes) {
  AdminSession a = AdminLogin(role);
  for (const Probe& p : probes) {
    ApiResponse r = Send(a, p);
    BOOST_TEST_CONTEXT(role << " " << p.method << " " << p.path << " -> " << r.body) {
      BOOST_TEST(r.status != 0);
      BOOST_TEST(r.code() != 4001);
      BOOST_TEST(r.code() != 4002);
      BOOST_TEST(r.status < 500);
    }
  }
}

void ExpectForbidden(const std::string& role, const std::vector<Probe>& probes) {
  AdminSession a = AdminLogin(role);
  for (const Probe& p : probes) {
    ApiResponse r = Send(a, p);
    BOOST_TEST_CONTEXT(role << " " << p.method << " " << p.path << " -> " << r.body) {
      BOOST_TEST(r.status == 403);
      BOOST_TEST(r.code() == 4002);
    }
  }
}

// Probes on ids that do not exist: an allowed call gets past the permission check and
// fails later (4003/4004/4005), a forbidden one never reaches the handler.
const Probe kShip{"POST", "/orders/999999999/ship",
                  R"({"express_code":"SF","express_no":"SF123456789"})"};
const Probe kListOrders{"GET", "/orders", ""};
const Probe kOrderDetail{"GET", "/orders/999999999", ""};
const Probe kCancelOrder{"POST", "/orders/999999999/cancel", R"({"reason":"x","confirm":true})"};
const Probe kExportOrders{"GET", "/orders/export?order_no=NOPE", ""};
const Probe kRefunds{"GET", "/refunds", ""};
const Probe kApproveRefund{"POST", "/refunds/999999999/approve", R"({"confirm":true})"};
const Probe kRejectRefund{"POST", "/refunds/999999999/reject", R"({"reason":"x"})"};
const Probe kAdmins{"GET", "/admins", ""};
const Probe kCreateAdmin{"POST", "/admins", R"({"username":"x"})"};
const Probe kRoles{"GET", "/roles", ""};
const Probe kPermissions{"GET", "/permissions", ""};
const Probe kLogs{"GET", "/logs", ""};
const Probe kSettings{"GET", "/settings", ""};
const Probe kWriteSettings{"PUT", "/settings", R"({"settings":{}})"};
const Probe kMe{"GET", "/auth/me", ""};

}  // namespace

BOOST_AUTO_TEST_CASE(super_admin_may_do_everything) {
  ExpectAllowed("super_admin", {kListOrders, kShip, kApproveRefund, kAdmins, kRoles, kPermissions,
                                kLogs, kSettings, kWriteSettings, kMe});
}

BOOST_AUTO_TEST_CASE(order_admin_ships_and_refunds_but_manages_no_admins) {
  ExpectAllowed("order_admin", {kListOrders, kOrderDetail, kShip, kCancelOrder, kExportOrders,
                                kRefunds, kApproveRefund, kRejectRefund, kMe});
  ExpectForbidden("order_admin", {kAdmins, kCreateAdmin, kRoles, kLogs, kSettings, kWriteSettings});
}

BOOST_AUTO_TEST_CASE(customer_service_reads_orders_but_cannot_ship_or_refund) {
  ExpectAllowed("customer_service", {kListOrders, kOrderDetail, kMe});
  ExpectForbidden("customer_service",
                  {kShip, kCancelOrder, kExportOrders, kApproveRefund, kAdmins, kWriteSettings});
}

BOOST_AUTO_TEST_CASE(finance_reads_orders_and_refunds_but_writes_nothing) {
  ExpectAllowed("finance", {kListOrders, kOrderDetail, kRefunds, kMe});
  ExpectForbidden("finance", {kShip, kApproveRefund, kRejectRefund, kWriteSettings, kSettings,
                              kAdmins, kRoles});
}

BOOST_AUTO_TEST_CASE(product_admin_has_no_order_or_system_access) {
  ExpectAllowed("product_admin", {kMe});
  ExpectForbidden("product_admin", {kListOrders, kShip, kRefunds, kAdmins, kSettings, kLogs});
}

BOOST_AUTO_TEST_CASE(operations_has_no_order_or_system_access) {
  ExpectAllowed("operations", {kMe});
  ExpectForbidden("operations", {kListOrders, kShip, kApproveRefund, kAdmins, kWriteSettings});
}

// Modules whose workers come with later issues are checked on the grants themselves.
BOOST_AUTO_TEST_CASE(each_role_reports_exactly_its_grants) {
  struct Want {
    const char* role;
    std::vector<const char*> has, lacks;
  };
  const std::vector<Want> wants = {
      {"finance",
       {"analytics:read", "finance:read", "product:cost:read", "order:read", "refund:read"},
       {"product:write", "settings:write", "order:ship", "refund:approve"}},
      {"product_admin",
       {"product:write", "inventory:write", "category:write", "upload:write"},
       {"order:read", "settings:write", "admin:manage"}},
      {"operations",
       {"coupon:write", "banner:write", "recommend:write", "content:write"},
       {"product:write", "order:read", "settings:write"}},
      {"customer_service",
       {"consultation:reply", "order:read", "user:read"},
       {"order:ship", "refund:approve", "user:write"}},
      {"order_admin",
       {"order:ship", "order:export", "refund:approve"},
       {"admin:manage", "role:manage", "product:write"}},
  };
  for (const Want& w : wants) {
    AdminSession a = AdminLogin(w.role);
    ApiResponse me = AdminGet(a, "/auth/me");
    BOOST_REQUIRE_MESSAGE(me.status == 200, me.body);
    std::vector<std::string> perms;
    for (const auto& p : me.data()["permissions"].GetArray()) perms.push_back(p.GetString());
    auto holds = [&](const std::string& code) {
      for (const auto& p : perms) {
        if (p == code) return true;
      }
      return false;
    };
    for (const char* c : w.has) BOOST_TEST(holds(c), w.role << " should hold " << c);
    for (const char* c : w.lacks) BOOST_TEST(!holds(c), w.role << " should not hold " << c);
  }
}

BOOST_AUTO_TEST_CASE(tokens_of_one_realm_are_refused_by_the_other) {
  AdminSession a = AdminLogin("super_admin");
  BOOST_TEST(Get("/api/v1/users/me", a.access_token).code() == 4001);
  BOOST_TEST(Get("/api/v1/orders", a.access_token).code() == 4001);
  Session user = Login(UniqueCode("rbac"));
  BOOST_TEST(Get(std::string(kAdminBase) + "/auth/me", user.access_token).code() == 4001);
  BOOST_TEST(Get(std::string(kAdminBase) + "/orders", user.access_token).code() == 4001);
  BOOST_TEST(Get(std::string(kAdminBase) + "/orders").code() == 4001);
}

BOOST_AUTO_TEST_CASE(a_disabled_admin_is_refused_within_seconds) {
  AdminSession a = AdminLogin("order_admin");
  BOOST_REQUIRE(AdminGet(a, "/orders").status == 200);
  Sql("UPDATE admins SET status = 0 WHERE id = " + std::to_string(a.admin_id));
  bool refused = false;
  for (int i = 0; i < 50 && !refused; ++i) {
    refused = AdminGet(a, "/orders").code() == 4002;
    if (!refused) usleep(100 * 1000);
  }
  BOOST_TEST(refused);
}
