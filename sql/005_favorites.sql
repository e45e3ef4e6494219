-- 005_favorites: a user's favorite products (the favorites area; read by catalog for is_favorite).
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS favorites (
  id         BIGINT   NOT NULL AUTO_INCREMENT,
  user_id    BIGINT   NOT NULL,
  product_id BIGINT   NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_favorites_user_product (user_id, product_id),
  KEY idx_favorites_user_created (user_id, created_at, id),
  KEY idx_favorites_product (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
