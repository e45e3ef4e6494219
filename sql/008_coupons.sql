-- 008_coupons: coupon definitions and the users' coupon wallet (coupons area; the orders
-- worker reserves and releases uses through common/shop/coupon_rules.h).
--
-- coupons.discount_value is fen for discount_type 1 (fixed amount) and an integer percent
-- off, 1..99, for discount_type 2 (10 = 10% off). min_purchase_price / max_discount_price
-- are fen; max_discount_price 0 = no cap. usage_limit -1 = unlimited; used_count is changed
-- only by conditional UPDATEs under the row lock (see coupon_rules.cc). per_user_limit 0 =
-- unlimited. start_date / end_date are UTC and inclusive.
--
-- user_coupons is the wallet: one row per claimed (or directly used) coupon. status
-- 'unused' -> 'used' (order_id set by the order that used it) -> back to 'unused' when that
-- order is cancelled. 'expired' may be written by a job; an 'unused' row whose coupon
-- end_date passed is shown as expired anyway. See 001_users.sql for shared conventions.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS coupons (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  code               VARCHAR(32)   COLLATE utf8mb4_bin NOT NULL COMMENT 'exact, case-sensitive',
  name               VARCHAR(64)   NOT NULL,
  description        VARCHAR(255)  NOT NULL DEFAULT '',
  discount_type      TINYINT       NOT NULL COMMENT '1 fixed amount, 2 percent',
  discount_value     BIGINT        NOT NULL COMMENT 'fen (type 1) or percent off 1..99 (type 2)',
  min_purchase_price BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen',
  max_discount_price BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen, 0 = no cap',
  usage_limit        BIGINT        NOT NULL DEFAULT -1 COMMENT 'total uses, -1 = unlimited',
  used_count         BIGINT        NOT NULL DEFAULT 0,
  per_user_limit     INT           NOT NULL DEFAULT 1 COMMENT 'uses per user, 0 = unlimited',
  start_date         DATETIME      NOT NULL COMMENT 'UTC, inclusive',
  end_date           DATETIME      NOT NULL COMMENT 'UTC, inclusive',
  is_active          TINYINT       NOT NULL DEFAULT 1,
  is_public          TINYINT       NOT NULL DEFAULT 1 COMMENT '0: claimable by code only',
  created_at         DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_coupons_code (code),
  -- GET /coupons/available: active public coupons by end date
  KEY idx_coupons_listing (is_active, is_public, end_date, id),
  CONSTRAINT ck_coupons_used_count CHECK (used_count >= 0),
  CONSTRAINT ck_coupons_type CHECK (discount_type IN (1, 2)),
  CONSTRAINT ck_coupons_value CHECK (discount_value > 0 AND (discount_type = 1 OR discount_value <= 99)),
  CONSTRAINT ck_coupons_amounts CHECK (min_purchase_price >= 0 AND max_discount_price >= 0),
  CONSTRAINT ck_coupons_limits CHECK (usage_limit >= -1 AND per_user_limit >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS user_coupons (
  id         BIGINT      NOT NULL AUTO_INCREMENT,
  user_id    BIGINT      NOT NULL,
  coupon_id  BIGINT      NOT NULL,
  status     VARCHAR(16) COLLATE utf8mb4_bin NOT NULL DEFAULT 'unused' COMMENT 'unused, used, expired',
  order_id   BIGINT      NULL COMMENT 'the order that used it',
  claimed_at DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  used_at    DATETIME    NULL,
  updated_at DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  -- GET /coupons/mine?status=...
  KEY idx_user_coupons_user_status (user_id, status, id),
  -- ReleaseCouponInTx(order_id)
  KEY idx_user_coupons_order (order_id),
  -- per-user use / claim counts under the coupon row lock
  KEY idx_user_coupons_coupon_user (coupon_id, user_id, status),
  CONSTRAINT ck_user_coupons_status CHECK (status IN ('unused', 'used', 'expired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
