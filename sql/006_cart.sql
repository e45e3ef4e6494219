-- 006_cart: the shopping cart, one row per (user, product, colour, size) line.
--
-- color and size are '' when the product has no such option: NOT NULL so that the UNIQUE key
-- really is unique (NULLs never collide) and "add the same variant again" becomes
-- INSERT ... ON DUPLICATE KEY UPDATE quantity = quantity + ?. They are utf8mb4_bin because the
-- option must match the product's colors/sizes JSON exactly, not case- or accent-insensitively.
--
-- GET /cart reads every line of one user joined to products (current price, stock, status),
-- newest first: idx_cart_items_user_created is that order. At most 50 lines per user and
-- 1..99 per line are business rules of the cart worker; the CHECK is the last line of defence.
--
-- No foreign key to products on purpose: products are never hard-deleted (status 2), and an
-- FK would make every cart insert share-lock the product row that order placement updates
-- (stock), coupling the two paths' locks. The cart worker checks the product itself.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS cart_items (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  user_id    BIGINT       NOT NULL,
  product_id BIGINT       NOT NULL,
  color      VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  size       VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  quantity   INT          NOT NULL,
  created_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_cart_items_line (user_id, product_id, color, size),
  KEY idx_cart_items_user_created (user_id, created_at, id),
  KEY idx_cart_items_product (product_id),
  CONSTRAINT fk_cart_items_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_cart_items_quantity CHECK (quantity BETWEEN 1 AND 99)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
