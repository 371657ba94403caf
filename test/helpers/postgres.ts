/**
 * Databases on the run's throw-away PostgreSQL cluster (started by test/setup/postgres.global.ts):
 * each call gives a new database copied from the template (postgis and pg_trgm installed, no
 * tables), so every store test starts empty. Drop it with `drop()` (connections are cut).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  name: string;
  /** postgres://…/name for DATABASE_URL or the store. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgres').adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A URL of the same cluster naming another database. */
export function databaseUrl(name: string): string {
  const url = new URL(inject('postgres').adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new empty database (extensions only) from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { template } = inject('postgres');
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
