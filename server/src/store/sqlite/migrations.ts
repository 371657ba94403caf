import type Database from 'better-sqlite3';
import { MIGRATION_3 } from './migration-3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Never edit a shipped migration: append a new one.
 *
 * One table for all collections (as created by migration 1; migration 3 reshapes it, see there). `fid` is the rowid shared with the R*Tree; (collection, id) is
 * the public identity. `min_lon…max_lat` repeat the bbox exactly (the R*Tree stores 32-bit floats,
 * rounded outwards) so point queries stay exact. `search_text` is normalizeText() of the
 * collection's search properties; `district_code` is copied from properties for fast grouping.
 * `store_meta.revision` grows on every change (triggers), for ETags and caches.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE features (
    fid INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    id INTEGER NOT NULL,
    properties TEXT NOT NULL CHECK (json_valid(properties)),
    geometry TEXT NOT NULL CHECK (json_valid(geometry)),
    geometry_type TEXT NOT NULL,
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
    district_code TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (collection, id)
  );
  CREATE INDEX features_by_district ON features (collection, district_code);
  CREATE VIRTUAL TABLE features_rtree USING rtree (fid, min_lon, max_lon, min_lat, max_lat);
  CREATE TABLE indicator_values (
    indicator TEXT NOT NULL,
    year INTEGER NOT NULL,
    district_code TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('official','reported','approximate','illustrative','computed')),
    source TEXT NOT NULL,
    PRIMARY KEY (indicator, year, district_code)
  ) WITHOUT ROWID;
  CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO store_meta (key, value) VALUES ('revision', 0);
  CREATE TRIGGER features_ai AFTER INSERT ON features BEGIN
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
  END;
  CREATE TRIGGER features_au AFTER UPDATE ON features BEGIN
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
  END;
  CREATE TRIGGER features_ad AFTER DELETE ON features BEGIN
    DELETE FROM features_rtree WHERE fid = old.fid;
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
  END;
  CREATE TRIGGER indicator_values_ai AFTER INSERT ON indicator_values BEGIN
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
  END;
  CREATE TRIGGER indicator_values_au AFTER UPDATE ON indicator_values BEGIN
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
  END;
  CREATE TRIGGER indicator_values_ad AFTER DELETE ON indicator_values BEGIN
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
  END;
  `,
  // 2 (issue 5): staff accounts, sessions, the history of every feature change, deleted features.
  // A deleted feature leaves `features` (so every read, count, bbox, extent and indicator ignores
  // it without a filter) and waits in `deleted_features` for an admin to restore it. History rows
  // keep the whole feature before and after ({"properties":…,"geometry":…} or NULL). New ids are
  // max(id in features ∪ history) + 1, so a deleted id is never given out again.
  `
  CREATE TABLE users (
    username TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('viewer','editor','admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL COLLATE NOCASE REFERENCES users (username) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_by_user ON sessions (username);
  CREATE TABLE feature_history (
    seq INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    feature_id INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    operation TEXT NOT NULL CHECK (operation IN ('create','replace','patch','delete','revert','restore')),
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    UNIQUE (collection, feature_id, version)
  );
  CREATE INDEX feature_history_by_time ON feature_history (at);
  CREATE TABLE deleted_features (
    collection TEXT NOT NULL,
    id INTEGER NOT NULL,
    properties TEXT NOT NULL CHECK (json_valid(properties)),
    geometry TEXT NOT NULL CHECK (json_valid(geometry)),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  ) WITHOUT ROWID;
  `,
  // 3 (issue 10): fid = code × 2^40 + id, the GeoJSON text per feature, a collection dimension in
  // the R*Tree, per-collection and per-district counts, extents and point cells kept by triggers.
  MIGRATION_3,
  // 4 (issue 13): failed sign-ins for the login limiter, in the database so that a restart does not
  // forget them and every process on the file counts together. Rows older than the limiter's
  // window are deleted.
  `
  CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at_ms INTEGER NOT NULL
  );
  CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);
  CREATE INDEX login_failures_by_time ON login_failures (at_ms);
  `,
  // 5 (issue 14; the fourth entry until issue 10's migration 3 is merged before it): batches —
  // an import (features or indicator values) or the revert of one, written in one transaction.
  // Every feature_history row of a batch carries its id; indicator values changed by a batch keep
  // their rows before and after in indicator_history. `summary` is the caller's JSON (rows read,
  // skipped, source, accepted warnings…); `counts` what the store wrote.
  `
  CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('features','indicators')),
    collection TEXT,
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    file_name TEXT,
    counts TEXT NOT NULL CHECK (json_valid(counts)),
    summary TEXT NOT NULL CHECK (json_valid(summary)),
    reverts INTEGER REFERENCES batches (id),
    reverted_by INTEGER REFERENCES batches (id)
  );
  ALTER TABLE feature_history ADD COLUMN batch_id INTEGER REFERENCES batches (id);
  CREATE INDEX feature_history_by_batch ON feature_history (batch_id) WHERE batch_id IS NOT NULL;
  CREATE TABLE indicator_history (
    seq INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    indicator TEXT NOT NULL,
    year INTEGER NOT NULL,
    district_code TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after))
  );
  CREATE INDEX indicator_history_by_batch ON indicator_history (batch_id);
  `,
  // 6 (issue 15): investor inquiries, their history
  // (every change with who and when) and the per-address submission log of the rate limit.
  // `seq` orders inquiries of the same instant and is never shown; the public handle is the
  // random `reference`. Nothing here moves store_meta.revision (map caches stay valid).
  `
  CREATE TABLE inquiries (
    seq INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','answered','closed')),
    assignee TEXT,
    name TEXT NOT NULL,
    organisation TEXT,
    email TEXT,
    phone TEXT,
    language TEXT NOT NULL CHECK (language IN ('vi','en')),
    message TEXT NOT NULL,
    sites TEXT NOT NULL CHECK (json_valid(sites))
  );
  CREATE INDEX inquiries_by_time ON inquiries (created_at, seq);
  CREATE INDEX inquiries_by_status ON inquiries (status, created_at, seq);
  CREATE TABLE inquiry_events (
    seq INTEGER PRIMARY KEY,
    inquiry INTEGER NOT NULL REFERENCES inquiries (seq) ON DELETE CASCADE,
    at TEXT NOT NULL,
    username TEXT,
    action TEXT NOT NULL CHECK (action IN ('created','assigned','unassigned','status','note')),
    from_value TEXT,
    to_value TEXT,
    note TEXT
  );
  CREATE INDEX inquiry_events_by_inquiry ON inquiry_events (inquiry, seq);
  CREATE TABLE inquiry_submissions (
    key TEXT NOT NULL,
    at_ms INTEGER NOT NULL
  );
  CREATE INDEX inquiry_submissions_by_key ON inquiry_submissions (key, at_ms);
  CREATE INDEX inquiry_submissions_by_time ON inquiry_submissions (at_ms);
  `,
];

/** Brings the database to the latest schema, each migration in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server (${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
