-- 009_orders: orders, their items and history, refunds, inventory movements, the order-number
-- fallback sequence and the express companies (with their reference rows).
--
-- Money is BIGINT fen, times UTC DATETIME; see 001_users.sql for the shared conventions.
--
-- orders.status (common/shop/order_state.h): 0 pending, 1 paid, 2 shipped, 3 completed,
-- 4 cancelled, 5 refunded. refund_status: none / requested / approved / rejected / refunded.
-- Amounts: subtotal = sum(order_items.subtotal); vip_discount from vip_levels.discount_rate;
-- coupon_discount from the coupon; discount_price = vip_discount + coupon_discount;
-- total_price = subtotal - discount_price + express_price (what the buyer pays).
--
-- No foreign keys on these tables: order placement is the hottest write path, and an FK
-- check takes a shared lock on the parent row (users, products) inside that transaction.
-- Integrity comes from the one code path that writes them (handlers/orders, common/shop).
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS orders (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  order_no         VARCHAR(32)   COLLATE utf8mb4_bin NOT NULL COMMENT 'ORD<yyyymmdd><sequence>',
  user_id          BIGINT        NOT NULL,
  subtotal         BIGINT        NOT NULL COMMENT 'fen, sum of the items',
  vip_discount     BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen',
  coupon_discount  BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen',
  discount_price   BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen, vip_discount + coupon_discount',
  express_price    BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen, shipping fee',
  total_price      BIGINT        NOT NULL COMMENT 'fen, payable',
  item_count       INT           NOT NULL DEFAULT 0 COMMENT 'pieces (sum of quantities)',
  coupon_id        BIGINT        NULL,
  coupon_code      VARCHAR(32)   NULL,
  status           TINYINT       NOT NULL DEFAULT 0,
  refund_status    VARCHAR(16)   NOT NULL DEFAULT 'none',
  payment_method   VARCHAR(16)   NULL COMMENT 'wechat / alipay',
  payment_time     DATETIME      NULL,
  pay_deadline     DATETIME      NOT NULL COMMENT 'unpaid orders are cancelled after this',
  address_id       BIGINT        NULL COMMENT 'the user_addresses row it was copied from',
  receiver_name    VARCHAR(64)   NOT NULL DEFAULT '',
  receiver_phone   VARBINARY(255) NULL COMMENT 'AES-256-GCM ciphertext (copied from the address)',
  receiver_province VARCHAR(64)  NOT NULL DEFAULT '',
  receiver_city    VARCHAR(64)   NOT NULL DEFAULT '',
  receiver_district VARCHAR(64)  NOT NULL DEFAULT '',
  receiver_detail  VARCHAR(255)  NOT NULL DEFAULT '',
  express_code     VARCHAR(16)   NULL COMMENT 'express_companies.code',
  express_no       VARCHAR(64)   NULL,
  express_time     DATETIME      NULL COMMENT 'when it was shipped',
  completed_at     DATETIME      NULL,
  cancelled_at     DATETIME      NULL,
  cancel_reason    VARCHAR(200)  NULL,
  remark           VARCHAR(200)  NOT NULL DEFAULT '',
  idempotency_key  VARCHAR(64)   COLLATE utf8mb4_bin NULL COMMENT 'Idempotency-Key header',
  created_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_orders_order_no (order_no),
  -- the real guard of Idempotency-Key: concurrent duplicates create exactly one order
  UNIQUE KEY uk_orders_user_idem (user_id, idempotency_key),
  -- GET /orders newest first, with and without a status filter
  KEY idx_orders_user_created (user_id, created_at, id),
  KEY idx_orders_user_status (user_id, status, created_at, id),
  -- jobs daemon: expire unpaid orders, auto-complete shipped ones
  KEY idx_orders_status_deadline (status, pay_deadline),
  KEY idx_orders_status_express (status, express_time),
  -- admin list by date
  KEY idx_orders_created (created_at, id),
  CONSTRAINT ck_orders_status CHECK (status BETWEEN 0 AND 5),
  CONSTRAINT ck_orders_amounts CHECK (subtotal >= 0 AND vip_discount >= 0 AND coupon_discount >= 0
                                      AND discount_price >= 0 AND express_price >= 0
                                      AND total_price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A snapshot of what was bought: name, sku, image, price, colour and size at order time.
CREATE TABLE IF NOT EXISTS order_items (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  order_id      BIGINT        NOT NULL,
  product_id    BIGINT        NOT NULL,
  product_name  VARCHAR(200)  NOT NULL,
  product_sku   VARCHAR(64)   NOT NULL,
  product_image VARCHAR(512)  NOT NULL DEFAULT '',
  color         VARCHAR(64)   NOT NULL DEFAULT '',
  size          VARCHAR(64)   NOT NULL DEFAULT '',
  price         BIGINT        NOT NULL COMMENT 'fen, unit price',
  quantity      INT           NOT NULL,
  subtotal      BIGINT        NOT NULL COMMENT 'fen, price * quantity',
  created_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_order_items_order (order_id, id),
  KEY idx_order_items_product (product_id),
  CONSTRAINT ck_order_items_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every transition, with who did it. from_status is NULL for the creation row; it equals
-- to_status for actions that do not move the status (e.g. request_refund).
CREATE TABLE IF NOT EXISTS order_logs (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  order_id      BIGINT        NOT NULL,
  from_status   TINYINT       NULL,
  to_status     TINYINT       NOT NULL,
  action        VARCHAR(32)   NOT NULL COMMENT 'create / pay / cancel / ship / confirm / request_refund / refund ...',
  operator_type VARCHAR(16)   NOT NULL COMMENT 'user / admin / system / wechat',
  operator_id   BIGINT        NOT NULL DEFAULT 0,
  note          VARCHAR(500)  NOT NULL DEFAULT '',
  created_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_order_logs_order (order_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- After-sales requests. status: requested -> approved -> processing -> refunded | failed,
-- or requested -> rejected. A request is "open" while requested, approved or processing;
-- an order has at most one open request (enforced under the order's row lock).
CREATE TABLE IF NOT EXISTS refunds (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  refund_no        VARCHAR(32)   COLLATE utf8mb4_bin NOT NULL COMMENT 'RF<order number digits><nn>',
  order_id         BIGINT        NOT NULL,
  payment_id       BIGINT        NULL COMMENT 'payments.id, filled when the refund is executed',
  user_id          BIGINT        NOT NULL,
  amount           BIGINT        NOT NULL COMMENT 'fen',
  reason           VARCHAR(200)  NOT NULL,
  images           JSON          NOT NULL DEFAULT ('[]'),
  status           VARCHAR(16)   NOT NULL DEFAULT 'requested',
  review_note      VARCHAR(500)  NOT NULL DEFAULT '',
  reviewed_by      BIGINT        NULL COMMENT 'admins.id',
  reviewed_at      DATETIME      NULL,
  wechat_refund_id VARCHAR(64)   NULL,
  refunded_at      DATETIME      NULL,
  created_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_refunds_refund_no (refund_no),
  KEY idx_refunds_order (order_id, id),
  KEY idx_refunds_user (user_id, created_at, id),
  KEY idx_refunds_status (status, created_at, id),
  KEY idx_refunds_created (created_at, id),
  CONSTRAINT ck_refunds_amount CHECK (amount > 0),
  CONSTRAINT ck_refunds_status CHECK (status IN ('requested', 'approved', 'rejected', 'processing',
                                                 'refunded', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every stock movement. delta < 0 takes stock out (sale), > 0 puts it back (cancel, restock).
CREATE TABLE IF NOT EXISTS inventory_logs (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  product_id  BIGINT        NOT NULL,
  delta       INT           NOT NULL,
  reason      VARCHAR(16)   NOT NULL COMMENT 'restock / sale / cancel / loss / adjust / import',
  stock_after INT           NOT NULL,
  order_id    BIGINT        NULL,
  admin_id    BIGINT        NULL,
  note        VARCHAR(255)  NOT NULL DEFAULT '',
  created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_inventory_logs_product (product_id, id),
  KEY idx_inventory_logs_order (order_id),
  CONSTRAINT ck_inventory_logs_reason CHECK (reason IN ('restock', 'sale', 'cancel', 'loss',
                                                        'adjust', 'import'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Order-number sequence used only while Redis (order:seq:<yyyymmdd>) is unreachable. Its
-- numbers start at 90 000 000 so they never meet the ones Redis hands out that day.
CREATE TABLE IF NOT EXISTS order_no_sequences (
  day  CHAR(8)  NOT NULL COMMENT 'yyyymmdd (UTC)',
  seq  BIGINT   NOT NULL,
  PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Express companies the admin ships with. code is ours (orders.express_code); tracking_code
-- is the company code of the Kuaidi100-style tracking API ("com").
CREATE TABLE IF NOT EXISTS express_companies (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  code          VARCHAR(16)   NOT NULL,
  name          VARCHAR(64)   NOT NULL,
  tracking_code VARCHAR(32)   NOT NULL,
  is_active     TINYINT       NOT NULL DEFAULT 1,
  sort          INT           NOT NULL DEFAULT 0 COMMENT 'ascending',
  created_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_express_companies_code (code),
  KEY idx_express_companies_active (is_active, sort, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reference rows every environment needs (fixed ids; re-running changes nothing).
INSERT INTO express_companies (id, code, name, tracking_code, is_active, sort) VALUES
  (1, 'SF',  '顺丰速运', 'shunfeng',  1, 10),
  (2, 'YTO', '圆通速递', 'yuantong',  1, 20),
  (3, 'STO', '申通快递', 'shentong',  1, 30),
  (4, 'ZTO', '中通快递', 'zhongtong', 1, 40),
  (5, 'YD',  '韵达快递', 'yunda',     1, 50),
  (6, 'JD',  '京东物流', 'jd',        1, 60),
  (7, 'EMS', 'EMS',      'ems',       1, 70)
ON DUPLICATE KEY UPDATE id = id;
