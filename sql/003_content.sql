-- 003_content: operator-managed content: banners, recommendation slots and their items,
-- content pages (privacy, terms, about ...) and system settings.
--
-- Times are UTC DATETIME; see 001_users.sql for the shared conventions.
-- A NULL start_at / end_at means "open on that side"; a row is live when
--   is_active = 1 AND (start_at IS NULL OR start_at <= now) AND (end_at IS NULL OR end_at > now).
-- sort_weight: a higher weight is shown first (ORDER BY sort_weight DESC, id ASC).
-- `key` (content_pages, settings) is a reserved word: always write it as `key` in backticks.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS banners (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  position    VARCHAR(32)   NOT NULL DEFAULT 'home',
  title       VARCHAR(100)  NOT NULL DEFAULT '',
  subtitle    VARCHAR(200)  NOT NULL DEFAULT '',
  image_url   VARCHAR(512)  NOT NULL,
  link_type   VARCHAR(16)   NOT NULL DEFAULT 'url' COMMENT 'product / category / url',
  link_value  VARCHAR(512)  NOT NULL DEFAULT '',
  sort_weight INT           NOT NULL DEFAULT 0 COMMENT 'higher first',
  start_at    DATETIME      NULL,
  end_at      DATETIME      NULL,
  is_active   TINYINT       NOT NULL DEFAULT 1,
  created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_banners_position (position, is_active, sort_weight),
  CONSTRAINT ck_banners_link_type CHECK (link_type IN ('product', 'category', 'url'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS recommendation_slots (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  position   VARCHAR(32)   NOT NULL COMMENT 'e.g. home_recommend',
  name       VARCHAR(64)   NOT NULL DEFAULT '',
  created_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_recommendation_slots_position (position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- clicks / conversions are bumped by the jobs daemon from the event stream (CTR stats).
-- Readers join products and keep only status = 1.
CREATE TABLE IF NOT EXISTS recommendation_items (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  slot_id     BIGINT        NOT NULL,
  product_id  BIGINT        NOT NULL,
  sort_weight INT           NOT NULL DEFAULT 0 COMMENT 'higher first',
  start_at    DATETIME      NULL,
  end_at      DATETIME      NULL,
  clicks      BIGINT        NOT NULL DEFAULT 0,
  conversions BIGINT        NOT NULL DEFAULT 0,
  created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_recommendation_items_slot_product (slot_id, product_id),
  KEY idx_recommendation_items_slot_sort (slot_id, sort_weight),
  KEY idx_recommendation_items_product (product_id),
  CONSTRAINT fk_recommendation_items_slot FOREIGN KEY (slot_id)
    REFERENCES recommendation_slots (id) ON DELETE CASCADE,
  CONSTRAINT fk_recommendation_items_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS content_pages (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  `key`      VARCHAR(64)   NOT NULL COMMENT 'privacy, terms, about ...',
  title      VARCHAR(200)  NOT NULL DEFAULT '',
  body       MEDIUMTEXT    NOT NULL,
  updated_by BIGINT        NULL COMMENT 'admins.id of the last editor',
  created_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_content_pages_key (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One JSON value per key. Amounts inside values are integer fen, like every money column.
-- is_secret values are never returned by the admin API (masked).
CREATE TABLE IF NOT EXISTS settings (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  `key`       VARCHAR(64)   NOT NULL,
  value       JSON          NOT NULL,
  description VARCHAR(255)  NOT NULL DEFAULT '',
  is_secret   TINYINT       NOT NULL DEFAULT 0,
  updated_by  BIGINT        NULL COMMENT 'admins.id of the last editor',
  created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_settings_key (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
