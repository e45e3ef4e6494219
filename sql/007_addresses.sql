-- 007_addresses: users' shipping addresses (at most 20 per user, exactly one default while
-- any exist; the addresses worker enforces both inside one transaction per change).
--
-- phone is AES-256-GCM ciphertext (crypto::FieldCipher, "v1:..." text) with its HMAC-SHA256
-- blind index in phone_hash, as for users.phone (see 001_users.sql).
--
-- default_owner is user_id on the default row and NULL elsewhere; its UNIQUE key makes a
-- second default for one user impossible even if application code got it wrong (NULLs never
-- collide). The worker clears the old default before setting the new one, in that order.
--
-- GET /addresses lists one user's rows default first, then newest:
--   WHERE user_id = ? ORDER BY is_default DESC, created_at DESC, id DESC
-- which is idx_user_addresses_user_default read backwards (no filesort).
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS user_addresses (
  id            BIGINT         NOT NULL AUTO_INCREMENT,
  user_id       BIGINT         NOT NULL,
  name          VARCHAR(32)    NOT NULL COMMENT 'receiver',
  phone         VARBINARY(255) NOT NULL COMMENT 'AES-256-GCM ciphertext',
  phone_hash    CHAR(64)       COLLATE utf8mb4_bin NOT NULL COMMENT 'hex HMAC-SHA256 blind index',
  province      VARCHAR(32)    NOT NULL,
  city          VARCHAR(32)    NOT NULL,
  district      VARCHAR(32)    NOT NULL,
  detail        VARCHAR(200)   NOT NULL,
  is_default    TINYINT        NOT NULL DEFAULT 0,
  default_owner BIGINT         AS (IF(is_default = 1, user_id, NULL)) STORED,
  created_at    DATETIME       NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at    DATETIME       NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_user_addresses_user_default (user_id, is_default, created_at, id),
  UNIQUE KEY uk_user_addresses_default_owner (default_owner),
  KEY idx_user_addresses_phone_hash (phone_hash),
  CONSTRAINT fk_user_addresses_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_user_addresses_default CHECK (is_default IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
