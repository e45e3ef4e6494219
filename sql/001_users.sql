-- 001_users: mini-program users, their membership profile, and the VIP level table.
--
-- Conventions for every migration in sql/ (MySQL 8.0 / MariaDB 10.11 common subset):
--   * InnoDB, utf8mb4 / utf8mb4_unicode_ci; opaque tokens (openid, unionid, hashes) are
--     utf8mb4_bin so uniqueness is exact (WeChat openids are case-sensitive). Not ascii: a
--     bound non-ASCII value compared with an ascii column is an error (1267), not a miss.
--   * Money columns keep the names from spec/data.md (price, total_spent, spend_threshold ...)
--     and are BIGINT holding integer fen (1 yuan = 100 fen); never DECIMAL, never floating point.
--   * Ids and counters are *signed* BIGINT/INT so they map to int64_t / SOCI `long long`
--     (SOCI's row API throws bad_cast on BIGINT UNSIGNED read as long long).
--   * Times are DATETIME in UTC. Defaults use CURRENT_TIMESTAMP, which follows the session
--     time zone, so every connection runs `SET time_zone = '+00:00'` (and the stack's mysqld
--     starts with --default-time-zone=+00:00).
--   * Soft delete through `status` (users: 1 ok, 0 disabled, plus deleted_at); nothing that
--     must keep history is hard-deleted.
--   * Personal data (phone, mobile) is AES-256-GCM ciphertext in VARBINARY (raw bytes or an
--     ASCII encoding of them, as the crypto helper chooses) with an HMAC-SHA256 blind index in
--     a *_hash CHAR(64) hex column for exact-match lookups.
--   * Files are forward-only and applied once by scripts/migrate; CREATE TABLE IF NOT EXISTS
--     lets a file that failed half-way be re-run after the fix.
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS users (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  openid          VARCHAR(64)   COLLATE utf8mb4_bin NOT NULL,
  unionid         VARCHAR(64)   COLLATE utf8mb4_bin NULL,
  nickname        VARCHAR(64)   NOT NULL DEFAULT '',
  avatar_url      VARCHAR(512)  NOT NULL DEFAULT '',
  phone           VARBINARY(255) NULL COMMENT 'AES-256-GCM ciphertext',
  phone_hash      CHAR(64)      COLLATE utf8mb4_bin NULL COMMENT 'hex HMAC-SHA256 blind index',
  email           VARCHAR(128)  NULL,
  gender          TINYINT       NOT NULL DEFAULT 0 COMMENT '0 unknown, 1 male, 2 female',
  city            VARCHAR(64)   NOT NULL DEFAULT '',
  province        VARCHAR(64)   NOT NULL DEFAULT '',
  country         VARCHAR(64)   NOT NULL DEFAULT '',
  user_type       TINYINT       NOT NULL DEFAULT 0 COMMENT '0 normal, 1 member',
  vip_level       INT           NOT NULL DEFAULT 0 COMMENT 'vip_levels.level',
  vip_expire_date DATE          NULL COMMENT 'NULL: no expiry',
  total_spent     BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen',
  status          TINYINT       NOT NULL DEFAULT 1 COMMENT '1 ok, 0 disabled',
  last_login_at   DATETIME      NULL,
  created_at      DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at      DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  deleted_at      DATETIME      NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_openid (openid),
  KEY idx_users_unionid (unionid),
  KEY idx_users_phone_hash (phone_hash),
  -- admin member list: newest first, optionally by level or spend range
  KEY idx_users_created (created_at, id),
  KEY idx_users_vip_level (vip_level, created_at, id),
  KEY idx_users_total_spent (total_spent, id),
  CONSTRAINT ck_users_total_spent CHECK (total_spent >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS member_profiles (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  user_id             BIGINT        NOT NULL,
  last_name           VARCHAR(32)   NOT NULL DEFAULT '',
  title               VARCHAR(16)   NOT NULL DEFAULT '' COMMENT 'e.g. 先生 / 女士',
  mobile              VARBINARY(255) NULL COMMENT 'AES-256-GCM ciphertext',
  mobile_hash         CHAR(64)      COLLATE utf8mb4_bin NULL COMMENT 'hex HMAC-SHA256 blind index',
  privacy_accepted_at DATETIME      NOT NULL,
  consent_analytics   TINYINT       NOT NULL DEFAULT 0,
  consent_marketing   TINYINT       NOT NULL DEFAULT 0,
  created_at          DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at          DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_member_profiles_user (user_id),
  KEY idx_member_profiles_mobile_hash (mobile_hash),
  CONSTRAINT fk_member_profiles_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- discount_rate is the percent payable (100 = no discount, 95 = 5% off);
-- spend_threshold is the total_spent (fen) that upgrades a user to the level;
-- validity_days 0 means the level never expires; benefits is [{"name","description"}].
CREATE TABLE IF NOT EXISTS vip_levels (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  level           INT           NOT NULL,
  name            VARCHAR(32)   NOT NULL,
  discount_rate   INT           NOT NULL DEFAULT 100,
  spend_threshold BIGINT        NOT NULL DEFAULT 0 COMMENT 'fen',
  validity_days   INT           NOT NULL DEFAULT 0,
  benefits        JSON          NOT NULL DEFAULT ('[]'),
  created_at      DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at      DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_vip_levels_level (level),
  KEY idx_vip_levels_threshold (spend_threshold),
  CONSTRAINT ck_vip_levels_level CHECK (level >= 0),
  CONSTRAINT ck_vip_levels_discount CHECK (discount_rate BETWEEN 1 AND 100),
  CONSTRAINT ck_vip_levels_threshold CHECK (spend_threshold >= 0),
  CONSTRAINT ck_vip_levels_validity CHECK (validity_days >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
