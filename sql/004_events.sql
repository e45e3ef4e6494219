-- 004_events: daily analytics aggregates.
--
-- Raw analytics events (POST /events: view / click / add_to_cart / share) are not stored in
-- MySQL: the catalog worker XADDs them to the Redis stream `stream:events` (capped length)
-- and the jobs daemon, reading with a consumer group, folds them into the tables below.
--
-- daily_stats: one row per UTC date with the site-wide figures the dashboard and analytics
-- read (column names from spec/data.md; *_fen are integer fen like every money column).
-- daily_event_counts: the same events counted by date and type, per product and position,
-- for product rankings, the view -> cart funnel and recommendation CTR.
-- Upserts add to the counters:
--   INSERT INTO daily_event_counts (date, type, product_id, position, event_count)
--   VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE event_count = event_count + VALUES(event_count)
-- (VALUES() is deprecated on MySQL 8.0.20+ but still works; MariaDB has no row alias.)
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS daily_stats (
  date         DATE          NOT NULL COMMENT 'UTC day',
  sales_fen    BIGINT        NOT NULL DEFAULT 0 COMMENT 'paid order totals, fen',
  orders       INT           NOT NULL DEFAULT 0 COMMENT 'orders created',
  paid_orders  INT           NOT NULL DEFAULT 0,
  new_users    INT           NOT NULL DEFAULT 0,
  active_users INT           NOT NULL DEFAULT 0,
  views        BIGINT        NOT NULL DEFAULT 0,
  clicks       BIGINT        NOT NULL DEFAULT 0,
  add_to_carts BIGINT        NOT NULL DEFAULT 0,
  shares       BIGINT        NOT NULL DEFAULT 0,
  refunds      INT           NOT NULL DEFAULT 0 COMMENT 'refunds completed',
  refunds_fen  BIGINT        NOT NULL DEFAULT 0,
  created_at   DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at   DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- product_id 0 and position '' mean "not about a product" / "no position"
-- (NOT NULL so they can be part of the primary key).
CREATE TABLE IF NOT EXISTS daily_event_counts (
  date        DATE          NOT NULL COMMENT 'UTC day',
  type        VARCHAR(16)   NOT NULL COMMENT 'view, click, add_to_cart, share',
  product_id  BIGINT        NOT NULL DEFAULT 0,
  position    VARCHAR(32)   NOT NULL DEFAULT '',
  event_count BIGINT        NOT NULL DEFAULT 0,
  updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (date, type, product_id, position),
  KEY idx_daily_event_counts_product (product_id, date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
