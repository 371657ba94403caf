/**
 * Vitest globalSetup of the node project: one throw-away PostgreSQL + PostGIS cluster for the
 * whole run (test/helpers/postgres-cluster.ts), with a template database that already has the
 * postgis and pg_trgm extensions; test files create their databases from it
 * (test/helpers/postgres.ts) in a few milliseconds. Stopped and deleted at the end.
 * Without PostgreSQL the run fails here, saying how to install it.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startTestCluster } from '../helpers/postgres-cluster';

export const TEMPLATE_DB = 'lcmap_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's cluster: a URL of its maintenance database, and the template to copy. */
    postgres: { adminUrl: string; template: string; port: number };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startTestCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const template = new pg.Client({ connectionString: cluster.url(TEMPLATE_DB) });
    await template.connect();
    await template.query('CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm');
    await template.end();
  } catch (err) {
    cluster.destroy();
    throw err;
  }
  project.provide('postgres', {
    adminUrl: cluster.url('postgres'),
    template: TEMPLATE_DB,
    port: cluster.port,
  });
  return () => cluster.destroy();
}
