-- 012_admin: staff accounts, roles, the permission tree, role grants and the operation log.
--
-- Permissions are data (admin.md "Roles and permissions"): a tree of codes by module, six
-- built-in roles and their grants are seeded here; a super admin may add roles and change any
-- role's grants through admin-system, and workers re-read a role's grants within seconds
-- (common/auth/admin_permissions.h). super_admin is granted every permission, including those
-- added by later migrations (checked by role code, not only by rows).
--
-- admins.password_hash: "scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>" (common/admin/password.h).
-- failed_logins / locked_until: 5 failures lock the account for 15 minutes.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS roles (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  code        VARCHAR(32)   NOT NULL,
  name        VARCHAR(64)   NOT NULL,
  description VARCHAR(255)  NOT NULL DEFAULT '',
  is_builtin  TINYINT       NOT NULL DEFAULT 0,
  created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_roles_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS permissions (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  code        VARCHAR(64)   NOT NULL COMMENT 'e.g. order:ship; a module node has the module name',
  module      VARCHAR(32)   NOT NULL,
  name        VARCHAR(64)   NOT NULL,
  parent_id   BIGINT        NULL COMMENT 'the module node; NULL for module nodes',
  sort        INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_permissions_code (code),
  KEY idx_permissions_parent (parent_id, sort)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS role_permissions (
  role_id       BIGINT NOT NULL,
  permission_id BIGINT NOT NULL,
  PRIMARY KEY (role_id, permission_id),
  KEY idx_role_permissions_permission (permission_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS admins (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  username       VARCHAR(32)   NOT NULL,
  email          VARCHAR(128)  NULL,
  display_name   VARCHAR(64)   NOT NULL DEFAULT '',
  password_hash  VARCHAR(255)  NOT NULL,
  role_id        BIGINT        NOT NULL,
  status         TINYINT       NOT NULL DEFAULT 1 COMMENT '1 active, 0 disabled',
  failed_logins  INT           NOT NULL DEFAULT 0,
  locked_until   DATETIME      NULL,
  last_login_at  DATETIME      NULL,
  last_login_ip  VARCHAR(64)   NULL,
  created_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_admins_username (username),
  UNIQUE KEY uk_admins_email (email),
  KEY idx_admins_role (role_id),
  CONSTRAINT ck_admins_status CHECK (status IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every admin write and every login attempt. result: success / failure. detail: JSON with
-- before/after of money and status changes. admin_id NULL for a login with an unknown name.
CREATE TABLE IF NOT EXISTS operation_logs (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  admin_id     BIGINT        NULL,
  module       VARCHAR(32)   NOT NULL,
  action       VARCHAR(32)   NOT NULL,
  target_type  VARCHAR(32)   NOT NULL DEFAULT '',
  target_id    VARCHAR(64)   NOT NULL DEFAULT '',
  summary      VARCHAR(500)  NOT NULL DEFAULT '',
  detail       JSON          NULL,
  ip           VARCHAR(64)   NOT NULL DEFAULT '',
  result       VARCHAR(16)   NOT NULL DEFAULT 'success',
  created_at   DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_operation_logs_created (created_at, id),
  KEY idx_operation_logs_admin (admin_id, created_at),
  KEY idx_operation_logs_module (module, action, created_at),
  KEY idx_operation_logs_target (target_type, target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---- reference data (fixed ids; re-running changes nothing)

INSERT INTO roles (id, code, name, description, is_builtin) VALUES
  (1, 'super_admin',      '超级管理员', 'everything, including system settings, admins, roles', 1),
  (2, 'product_admin',    '商品管理员', 'products, categories, inventory, uploads', 1),
  (3, 'order_admin',      '订单管理员', 'orders, shipping, refunds, order export', 1),
  (4, 'operations',       '运营',       'coupons, banners, recommendation slots, content pages', 1),
  (5, 'finance',          '财务',       'dashboards, analytics, finance, order/refund read, cost prices', 1),
  (6, 'customer_service', '客服',       'consultations, order read, user read', 1)
ON DUPLICATE KEY UPDATE id = id;

-- Module nodes (ids 1..9), then leaves (ids 100+) under them.
INSERT INTO permissions (id, code, module, name, parent_id, sort) VALUES
  (1, 'dashboard',    'dashboard',    '仪表盘',   NULL, 1),
  (2, 'product',      'product',      '商品管理', NULL, 2),
  (3, 'order',        'order',        '订单管理', NULL, 3),
  (4, 'member',       'member',       '会员管理', NULL, 4),
  (5, 'marketing',    'marketing',    '营销管理', NULL, 5),
  (6, 'consultation', 'consultation', 'VIP咨询',  NULL, 6),
  (7, 'analytics',    'analytics',    '数据分析', NULL, 7),
  (8, 'system',       'system',       '系统管理', NULL, 8),
  (9, 'content',      'content',      '内容管理', NULL, 9),
  (100, 'dashboard:read',      'dashboard',    '查看仪表盘',     1, 1),
  (110, 'product:read',        'product',      '查看商品',       2, 1),
  (111, 'product:write',       'product',      '编辑商品',       2, 2),
  (112, 'product:price',       'product',      '修改价格',       2, 3),
  (113, 'product:cost:read',   'product',      '查看成本价',     2, 4),
  (114, 'category:write',      'product',      '编辑分类',       2, 5),
  (115, 'inventory:read',      'product',      '查看库存',       2, 6),
  (116, 'inventory:write',     'product',      '调整库存',       2, 7),
  (117, 'upload:write',        'product',      '上传文件',       2, 8),
  (120, 'order:read',          'order',        '查看订单',       3, 1),
  (121, 'order:write',         'order',        '修改订单(地址/备注/取消)', 3, 2),
  (122, 'order:ship',          'order',        '发货',           3, 3),
  (123, 'order:export',        'order',        '导出订单',       3, 4),
  (124, 'refund:read',         'order',        '查看退款',       3, 5),
  (125, 'refund:approve',      'order',        '审核并执行退款', 3, 6),
  (130, 'user:read',           'member',       '查看会员',       4, 1),
  (131, 'user:write',          'member',       '编辑会员',       4, 2),
  (132, 'vip:write',           'member',       '编辑VIP等级',    4, 3),
  (140, 'coupon:read',         'marketing',    '查看优惠券',     5, 1),
  (141, 'coupon:write',        'marketing',    '编辑优惠券',     5, 2),
  (142, 'banner:write',        'marketing',    '编辑轮播图',     5, 3),
  (143, 'recommend:write',     'marketing',    '编辑推荐位',     5, 4),
  (150, 'consultation:read',   'consultation', '查看咨询',       6, 1),
  (151, 'consultation:reply',  'consultation', '回复咨询',       6, 2),
  (152, 'consultation:assign', 'consultation', '分配与关闭咨询', 6, 3),
  (160, 'analytics:read',      'analytics',    '查看数据分析',   7, 1),
  (161, 'finance:read',        'analytics',    '查看财务报表',   7, 2),
  (170, 'admin:manage',        'system',       '管理员管理',     8, 1),
  (171, 'role:manage',         'system',       '角色与权限',     8, 2),
  (172, 'log:read',            'system',       '查看操作日志',   8, 3),
  (173, 'settings:read',       'system',       '查看系统设置',   8, 4),
  (174, 'settings:write',      'system',       '修改系统设置',   8, 5),
  (180, 'content:write',       'content',      '编辑内容页',     9, 1)
ON DUPLICATE KEY UPDATE id = id;

-- super_admin: every leaf.
INSERT IGNORE INTO role_permissions (role_id, permission_id)
  SELECT 1, id FROM permissions WHERE parent_id IS NOT NULL;
INSERT IGNORE INTO role_permissions (role_id, permission_id)
  SELECT r.role_id, p.id FROM permissions p JOIN (
    SELECT 2 AS role_id, 'dashboard:read' AS code UNION ALL SELECT 2, 'product:read'
    UNION ALL SELECT 2, 'product:write' UNION ALL SELECT 2, 'product:price'
    UNION ALL SELECT 2, 'product:cost:read' UNION ALL SELECT 2, 'category:write'
    UNION ALL SELECT 2, 'inventory:read' UNION ALL SELECT 2, 'inventory:write'
    UNION ALL SELECT 2, 'upload:write'
    UNION ALL SELECT 3, 'dashboard:read' UNION ALL SELECT 3, 'order:read'
    UNION ALL SELECT 3, 'order:write' UNION ALL SELECT 3, 'order:ship'
    UNION ALL SELECT 3, 'order:export' UNION ALL SELECT 3, 'refund:read'
    UNION ALL SELECT 3, 'refund:approve'
    UNION ALL SELECT 4, 'dashboard:read' UNION ALL SELECT 4, 'product:read'
    UNION ALL SELECT 4, 'coupon:read' UNION ALL SELECT 4, 'coupon:write'
    UNION ALL SELECT 4, 'banner:write' UNION ALL SELECT 4, 'recommend:write'
    UNION ALL SELECT 4, 'content:write'
    UNION ALL SELECT 5, 'dashboard:read' UNION ALL SELECT 5, 'analytics:read'
    UNION ALL SELECT 5, 'finance:read' UNION ALL SELECT 5, 'order:read'
    UNION ALL SELECT 5, 'refund:read' UNION ALL SELECT 5, 'product:cost:read'
    UNION ALL SELECT 6, 'dashboard:read' UNION ALL SELECT 6, 'consultation:read'
    UNION ALL SELECT 6, 'consultation:reply' UNION ALL SELECT 6, 'consultation:assign'
    UNION ALL SELECT 6, 'order:read' UNION ALL SELECT 6, 'user:read'
  ) r ON r.code = p.code;
