-- 010_jobs: bookkeeping of the jobs daemon's Redis stream consumers.
--
-- The events consumer reads `stream:events` with the consumer group `jobs` and folds each batch
-- into daily_event_counts / daily_stats in ONE MySQL transaction that also records which stream
-- entries it applied (jobs_stream_applied). An entry delivered again (a crash between COMMIT and
-- XACK, or a stale entry claimed from a dead consumer by another daemon) is found there and
-- skipped, so nothing is counted twice even with two daemons reading the same group at once.
-- A single "last applied id" high-water mark is not enough for that: two consumers of one group
-- receive interleaved ids, so one consumer's commit would make the other's older entries look
-- applied. The high-water mark is still kept (jobs_stream_offsets) for progress and lag checks.
-- Rows of jobs_stream_applied older than a week are pruned by the daemon (stale entries are
-- claimed after 60 s, so a week-old id is never delivered again).
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS jobs_stream_offsets (
  stream         VARCHAR(64)  NOT NULL,
  group_name     VARCHAR(64)  NOT NULL,
  last_id        VARCHAR(48)  NOT NULL DEFAULT '0-0' COMMENT 'highest stream id applied',
  events_applied BIGINT       NOT NULL DEFAULT 0 COMMENT 'entries applied so far',
  updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (stream, group_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per applied stream entry; the id "<ms>-<seq>" is stored as its two numbers.
CREATE TABLE IF NOT EXISTS jobs_stream_applied (
  stream     VARCHAR(64)  NOT NULL,
  entry_ms   BIGINT       NOT NULL,
  entry_seq  BIGINT       NOT NULL,
  PRIMARY KEY (stream, entry_ms, entry_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO jobs_stream_offsets (stream, group_name) VALUES ('stream:events', 'jobs');
