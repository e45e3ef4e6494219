-- 011_payments: WeChat Pay payments, one row per order and provider.
--
-- status (common/payments/payment_state.h): 0 unpaid, 1 paid, 2 failed, 3 refunded, 4 closed.
-- out_trade_no is the order number (one JSAPI trade per order: WeChat re-issues the
-- same trade for the same out_trade_no, and the trade expires with the order's pay
-- deadline). transaction_id is WeChat's id, UNIQUE so one WeChat payment can never be
-- applied to two rows. refunded_amount is the sum of completed refunds (partial refunds),
-- kept next to amount so "fully refunded" is one comparison under the row lock.
-- notify_data keeps the decrypted transaction as applied (audit; no secrets in it).
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS payments (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  order_id          BIGINT        NOT NULL,
  user_id           BIGINT        NOT NULL,
  amount            BIGINT        NOT NULL COMMENT 'fen, the order total when prepared',
  refunded_amount   BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen, completed refunds',
  payment_method    VARCHAR(16)   NOT NULL DEFAULT 'wechat',
  out_trade_no      VARCHAR(32)   COLLATE utf8mb4_bin NOT NULL,
  transaction_id    VARCHAR(64)   COLLATE utf8mb4_bin NULL,
  status            TINYINT       NOT NULL DEFAULT 0,
  prepay_id         VARCHAR(64)   NULL,
  prepay_expires_at DATETIME      NULL,
  notify_data       JSON          NULL,
  paid_at           DATETIME      NULL,
  checked_at        DATETIME      NULL COMMENT 'last time WeChat was queried about it',
  created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_payments_order_method (order_id, payment_method),
  UNIQUE KEY uk_payments_out_trade_no (out_trade_no),
  UNIQUE KEY uk_payments_transaction (transaction_id),
  KEY idx_payments_user (user_id, id),
  -- reconciliation: unpaid payments waiting for a notification
  KEY idx_payments_status_created (status, created_at),
  CONSTRAINT ck_payments_status CHECK (status BETWEEN 0 AND 4),
  CONSTRAINT ck_payments_amounts CHECK (amount > 0 AND refunded_amount >= 0
                                        AND refunded_amount <= amount)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Refund execution bookkeeping: when the refund API was last called for a row
-- (the jobs daemon re-sends a refund whose answer was lost; out_refund_no makes that safe),
-- and why it failed when it did.
ALTER TABLE refunds
  ADD COLUMN IF NOT EXISTS submitted_at DATETIME NULL COMMENT 'last refund API call' AFTER wechat_refund_id,
  ADD COLUMN IF NOT EXISTS fail_reason VARCHAR(200) NOT NULL DEFAULT '' AFTER submitted_at,
  ADD KEY IF NOT EXISTS idx_refunds_status_submitted (status, submitted_at);
