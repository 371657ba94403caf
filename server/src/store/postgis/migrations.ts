import type { Connection } from './connection';
import { MIGRATION_4 } from './migration-4';
import { MIGRATION_7 } from './migration-7';

/**
 * Schema migrations of the PostGIS store, applied in order; `schema_migrations` records each one
 * (number, when). Never edit a shipped migration: append a new one. The numbering is this
 * backend's own (the same idea as SQLite's `user_version`, not the same numbers).
 *
 * One `features` table for all collections, (collection, id) the identity. `geom` is a PostGIS
 * geometry in SRID 4326 (CRS84 lon/lat) with a GiST index; `properties` jsonb; `search_text`
 * normalizeText() of the catalog's search properties, computed in JS at write time so `q`
 * matches exactly as on SQLite (unaccent's rules differ: it maps ø→o, æ→ae, ß→ss), with a
 * pg_trgm GIN index for `LIKE '%word%'`. Text keys use COLLATE "C" (byte order, as SQLite).
 * `store_meta.revision` grows with every statement that changes features or indicators
 * (statement triggers), for ETags and response caches on every instance.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE EXTENSION IF NOT EXISTS postgis;
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE TABLE features (
    collection text COLLATE "C" NOT NULL,
    id integer NOT NULL,
    properties jsonb NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    district_code text COLLATE "C",
    search_text text NOT NULL DEFAULT '',
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (collection, id)
  );
  CREATE INDEX features_geom ON features USING gist (geom);
  CREATE INDEX features_by_district ON features (collection, district_code);
  CREATE INDEX features_search ON features USING gin (search_text gin_trgm_ops);
  CREATE TABLE indicator_values (
    indicator text COLLATE "C" NOT NULL,
    year integer NOT NULL,
    district_code text COLLATE "C" NOT NULL,
    value double precision NOT NULL,
    unit text NOT NULL,
    status text NOT NULL CHECK (status IN ('official','reported','approximate','illustrative','computed')),
    source text NOT NULL,
    PRIMARY KEY (indicator, year, district_code)
  );
  CREATE TABLE store_meta (key text PRIMARY KEY, value bigint NOT NULL);
  INSERT INTO store_meta (key, value) VALUES ('revision', 0);
  CREATE FUNCTION lcmap_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE store_meta SET value = value + 1 WHERE key = 'revision';
    RETURN NULL;
  END $$;
  CREATE TRIGGER features_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON features
    FOR EACH STATEMENT EXECUTE FUNCTION lcmap_bump_revision();
  CREATE TRIGGER indicator_values_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_values
    FOR EACH STATEMENT EXECUTE FUNCTION lcmap_bump_revision();
  `,
  // 2: staff accounts, sessions (token stored as SHA-256), the history of every feature change
  // (whole content before/after as {"properties","geometry"} jsonb) and deleted features (kept
  // out of `features`, so no read needs a filter, until an admin restores them).
  `
  CREATE TABLE users (
    username text COLLATE "C" PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('viewer','editor','admin')),
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    disabled boolean NOT NULL DEFAULT false
  );
  CREATE UNIQUE INDEX users_by_lower_name ON users (lower(username));
  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    username text COLLATE "C" NOT NULL REFERENCES users (username) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    last_seen timestamptz NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions (username);
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  CREATE TABLE feature_history (
    seq bigserial PRIMARY KEY,
    collection text COLLATE "C" NOT NULL,
    feature_id integer NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    operation text NOT NULL CHECK (operation IN ('create','replace','patch','delete','revert','restore')),
    username text NOT NULL,
    at timestamptz NOT NULL,
    before jsonb,
    after jsonb,
    UNIQUE (collection, feature_id, version)
  );
  CREATE INDEX feature_history_by_time ON feature_history (at);
  CREATE TABLE deleted_features (
    collection text COLLATE "C" NOT NULL,
    id integer NOT NULL,
    properties jsonb NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    version integer NOT NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz NOT NULL,
    deleted_by text NOT NULL,
    PRIMARY KEY (collection, id)
  );
  `,
  // 3: failed sign-ins of the login limiter, shared by every instance (older than its window are deleted).
  `
  CREATE TABLE login_failures (
    key text NOT NULL,
    at_ms bigint NOT NULL
  );
  CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);
  CREATE INDEX login_failures_by_time ON login_failures (at_ms);
  `,
  // 4 (issue 10): the GeoJSON text per feature, point cells, and trigger-kept counts, extents,
  // district counts and cluster cells (see migration-4.ts).
  MIGRATION_4,
  // 5 (issue 14): batches — an import of features or indicator values, or the revert of one,
  // written in one transaction. feature_history rows of a batch carry its id; indicator values it
  // changed keep their rows before and after in indicator_history. `summary` is the caller's JSON,
  // `counts` what the store wrote.
  `
  CREATE TABLE batches (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('features','indicators')),
    collection text COLLATE "C",
    username text NOT NULL,
    at timestamptz NOT NULL,
    file_name text,
    counts jsonb NOT NULL,
    summary jsonb NOT NULL,
    reverts bigint REFERENCES batches (id),
    reverted_by bigint REFERENCES batches (id)
  );
  ALTER TABLE feature_history ADD COLUMN batch_id bigint REFERENCES batches (id);
  CREATE INDEX feature_history_by_batch ON feature_history (batch_id) WHERE batch_id IS NOT NULL;
  CREATE TABLE indicator_history (
    seq bigserial PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES batches (id),
    indicator text COLLATE "C" NOT NULL,
    year integer NOT NULL,
    district_code text COLLATE "C" NOT NULL,
    before jsonb,
    after jsonb
  );
  CREATE INDEX indicator_history_by_batch ON indicator_history (batch_id);
  `,
  // 6 (issue 15): investor inquiries, their history
  // (every change with who and when) and the per-address submission log of the rate limit. `seq`
  // orders inquiries of the same instant and is never shown; the public handle is the random
  // `reference`. No revision trigger: inquiries do not touch the map's caches.
  `
  CREATE TABLE inquiries (
    seq bigserial PRIMARY KEY,
    reference text COLLATE "C" NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','answered','closed')),
    assignee text,
    name text NOT NULL,
    organisation text,
    email text,
    phone text,
    language text NOT NULL CHECK (language IN ('vi','en')),
    message text NOT NULL,
    sites jsonb NOT NULL
  );
  CREATE INDEX inquiries_by_time ON inquiries (created_at, seq);
  CREATE INDEX inquiries_by_status ON inquiries (status, created_at, seq);
  CREATE TABLE inquiry_events (
    seq bigserial PRIMARY KEY,
    inquiry bigint NOT NULL REFERENCES inquiries (seq) ON DELETE CASCADE,
    at timestamptz NOT NULL,
    username text,
    action text NOT NULL CHECK (action IN ('created','assigned','unassigned','status','note')),
    from_value text,
    to_value text,
    note text
  );
  CREATE INDEX inquiry_events_by_inquiry ON inquiry_events (inquiry, seq);
  CREATE TABLE inquiry_submissions (
    key text NOT NULL,
    at_ms bigint NOT NULL
  );
  CREATE INDEX inquiry_submissions_by_key ON inquiry_submissions (key, at_ms);
  CREATE INDEX inquiry_submissions_by_time ON inquiry_submissions (at_ms);
  `,
  // 7 (issue 16): the sort key of text sortables (store/sort-key.ts, the same table as SQLite's
  // nested replace()), for the per-collection sort indexes that postgis/sort-indexes.ts makes
  // from the catalog when the store opens.
  MIGRATION_7,
];

/** statement_timeout of start-up work (migrations, waiting for another instance's seed). */
export const STARTUP_TIMEOUT = '5min';

/** Advisory lock class of this app (first key of the two-int form); the second is per schema. */
export const LOCK_CLASS = 7_304_613;
/** Second keys under LOCK_CLASS: migrations, and seeding an empty store. */
export const LOCK_MIGRATE = 1;
export const LOCK_SEED = 2;

/** The SQL of an advisory lock of this store's schema (so stores in other schemas do not wait). */
export function lockSql(kind: number, fn = 'pg_advisory_xact_lock'): string {
  return `SELECT ${fn}(${LOCK_CLASS}, hashtext(current_schema()) # ${kind})`;
}

/**
 * Brings the database to the latest schema. Runs under an advisory lock, so instances starting
 * together migrate once (the others wait, then find nothing to do); the pending migrations and
 * their schema_migrations rows commit together in one transaction (DDL is transactional in
 * PostgreSQL). A database migrated by a newer server is refused.
 */
export async function migrate(conn: Connection): Promise<void> {
  await conn.transaction(async (tx) => {
    // Waiting for another instance's migration (or creating PostGIS) may take longer than a request.
    await tx.query(`SET LOCAL statement_timeout = '${STARTUP_TIMEOUT}'`);
    await tx.query(lockSql(LOCK_MIGRATE));
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${current} is newer than this server (${MIGRATIONS.length}): ` +
          'run the newer server, or point DATABASE_URL at another database',
      );
    }
    for (let v = current; v < MIGRATIONS.length; v += 1) {
      await tx.query(MIGRATIONS[v]!);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
    }
  });
}
