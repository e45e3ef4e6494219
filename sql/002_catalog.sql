-- 002_catalog: product categories and products.
--
-- Money columns (price, original_price, cost_price) are BIGINT integer fen; times are UTC
-- DATETIME; see 001_users.sql for the shared conventions.
--
-- products.status: 0 off sale, 1 on sale, 2 deleted (soft delete, rows are kept for order
-- history), 3 draft (publish_at, if set, is when the jobs daemon puts it on sale).
--
-- Product list indexes. The mini-program list is always `status = 1`, optionally
-- `category_id = ?`, ordered by one of
--   newest     ORDER BY created_at DESC, id DESC
--   price_asc  ORDER BY price ASC, id ASC
--   price_desc ORDER BY price DESC, id DESC   (id in the SAME direction as price, so the
--                                              index is read backwards; `id ASC` here would
--                                              force a filesort)
--   hot        ORDER BY sold_count DESC, id DESC
-- Each (filter, sort) pair has its own composite index with the equality columns first and
-- the sort columns last, so the server reads LIMIT rows in index order with no filesort and
-- has no reason to consider index_merge. COUNT(*) for `total` is answered from the same
-- indexes. Extra filters (price_min/price_max, is_new, is_hot) are applied while walking
-- the chosen index. (With a category AND a price range, MariaDB 10.11 may walk the
-- all-category index instead: still no filesort, but more rows read; the repository can pin
-- the plan with FORCE INDEX (idx_products_cat_<sort>), which both servers accept.)
--
-- Search deliberately has no FULLTEXT index: InnoDB's ngram parser exists on MySQL only,
-- not on MariaDB, so GET /products/search uses `name LIKE ? OR sku LIKE ? OR description
-- LIKE ?` ('%' || escaped keyword || '%') over the on-sale rows, walked in the order of the
-- list index above. The catalog is thousands of rows, not millions, so that scan is cheap
-- and the result is cached in Redis.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS categories (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  name        VARCHAR(50)   NOT NULL,
  description VARCHAR(500)  NOT NULL DEFAULT '',
  icon_url    VARCHAR(512)  NOT NULL DEFAULT '',
  sort_order  INT           NOT NULL DEFAULT 0 COMMENT 'ascending',
  is_active   TINYINT       NOT NULL DEFAULT 1,
  created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_categories_name (name),
  KEY idx_categories_active_sort (is_active, sort_order, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS products (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  category_id    BIGINT        NOT NULL,
  sku            VARCHAR(64)   NOT NULL,
  name           VARCHAR(200)  NOT NULL,
  description    TEXT          NULL,
  price          BIGINT        NOT NULL COMMENT 'fen',
  original_price BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen, list price shown struck through',
  cost_price     BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen, finance only (product:cost:read)',
  stock          INT           NOT NULL DEFAULT 0,
  stock_warning  INT           NOT NULL DEFAULT 10,
  sold_count     INT           NOT NULL DEFAULT 0,
  main_image     VARCHAR(512)  NOT NULL DEFAULT '',
  images         JSON          NOT NULL DEFAULT ('[]') COMMENT '["url", ...]',
  colors         JSON          NOT NULL DEFAULT ('[]') COMMENT '["黑色", ...]',
  sizes          JSON          NOT NULL DEFAULT ('[]') COMMENT '["S", ...]',
  materials      VARCHAR(200)  NOT NULL DEFAULT '',
  brand          VARCHAR(64)   NOT NULL DEFAULT 'RUIZHU',
  status         TINYINT       NOT NULL DEFAULT 0 COMMENT '0 off, 1 on sale, 2 deleted, 3 draft',
  publish_at     DATETIME      NULL COMMENT 'scheduled publish (UTC)',
  is_new         TINYINT       NOT NULL DEFAULT 0,
  is_hot         TINYINT       NOT NULL DEFAULT 0,
  view_count     INT           NOT NULL DEFAULT 0,
  created_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_products_sku (sku),
  -- list by category
  KEY idx_products_cat_newest (status, category_id, created_at, id),
  KEY idx_products_cat_price (status, category_id, price, id),
  KEY idx_products_cat_hot (status, category_id, sold_count, id),
  -- list over all categories
  KEY idx_products_newest (status, created_at, id),
  KEY idx_products_price (status, price, id),
  KEY idx_products_hot (status, sold_count, id),
  -- jobs daemon: drafts whose publish_at has come
  KEY idx_products_publish (status, publish_at),
  -- foreign key support; admin filter by category over every status
  KEY idx_products_category (category_id),
  CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id),
  -- last line of defence against overselling; order code decrements with `stock >= ?`
  CONSTRAINT ck_products_stock CHECK (stock >= 0),
  CONSTRAINT ck_products_price CHECK (price >= 0 AND original_price >= 0 AND cost_price >= 0),
  CONSTRAINT ck_products_status CHECK (status IN (0, 1, 2, 3))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
