-- 014_admin_orders: what the admin-orders worker adds to orders and refunds: a staff-only
-- remark, and the indexes behind the admin list filters and the refund stats.
--
-- Indexes on orders cost every order placement a little, so only filters staff use daily get
-- one (checked with EXPLAIN): status + date (the "to ship" view), refund_status (after-sales
-- queue) and payment_time (refund-rate stats). order_no (prefix), buyer phone (blind index
-- via users.phone_hash -> idx_orders_user_created) and the date range (idx_orders_created)
-- were already index-backed. Amount range and nickname (a contains-match) filter rows of
-- those scans instead.
SET NAMES utf8mb4;

ALTER TABLE orders
  ADD COLUMN IF NOT EXISTS admin_remark VARCHAR(500) NOT NULL DEFAULT ''
    COMMENT 'staff-only note (never shown to the buyer; remark is the buyer''s)' AFTER remark,
  ADD KEY IF NOT EXISTS idx_orders_status_created (status, created_at, id),
  ADD KEY IF NOT EXISTS idx_orders_refund_status (refund_status, created_at, id),
  ADD KEY IF NOT EXISTS idx_orders_payment_time (payment_time);

-- GET /refunds/stats: completed refunds per day.
ALTER TABLE refunds
  ADD KEY IF NOT EXISTS idx_refunds_status_refunded (status, refunded_at);
