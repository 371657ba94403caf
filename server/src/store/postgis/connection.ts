import pg from 'pg';
import { StoreUnavailable } from '../feature-store';

/** Something that runs a parameterised query: the pool, or the client of a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PoolOptions {
  /** postgres://user:pass@host:port/db (libpq URL; `?options=-c search_path=…` etc. work). */
  url: string;
  /** Most connections of this process (default 10). */
  max?: number;
  /** Longest a statement may run, ms (default 15 s); longer → StoreUnavailable (503). */
  statementTimeoutMs?: number;
  /** Longest wait for a connection, ms (default 5 s). */
  connectTimeoutMs?: number;
  /** Sees every statement run outside a transaction, with its values (tests check query plans). */
  trace?: (sql: string, values: readonly unknown[]) => void;
}

/** The pool of one store, with a closed flag and the transaction helper. */
export interface Connection {
  pool: pg.Pool;
  /** A query on any pooled connection; driver errors of a lost database become StoreUnavailable. */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /**
   * Runs `fn` inside BEGIN … COMMIT on one connection (ROLLBACK when it throws). A connection
   * that broke is destroyed, not returned to the pool.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Rejects once close() was called. */
  assertOpen(): void;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** Type parsers of our pools: int8 (counts, revision, ms times) and numeric as JS numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** SQLSTATE classes and codes that mean "the database is not there right now". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '57014', // query_canceled: our statement_timeout
  '3D000', // invalid_catalog_name: the database was dropped
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Whether a driver error means the database is unreachable (not a bad query). */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code))
  ) {
    return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|connection error|Client was closed/i.test(
    err.message,
  );
}

/** The driver's error as StoreUnavailable when the database is unreachable; else unchanged. */
export function translate(err: unknown): unknown {
  if (err instanceof StoreUnavailable || !isUnavailable(err)) return err;
  const code = (err as { code?: unknown }).code;
  // The driver's message (for the log and a failed start; clients see a generic 503 detail).
  const reason = code === '57014' ? 'a statement took longer than the timeout' : (err as Error).message;
  return new StoreUnavailable(reason, { cause: err });
}

/**
 * Opens a pool (connections are made on first use, so a database that is down at this moment
 * makes calls fail with StoreUnavailable, and later calls succeed once it is back).
 */
export function openConnection(options: PoolOptions): Connection {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'lcmap',
    types,
  });
  // An idle connection the server closed (restart, failover) emits here; without a listener the
  // process would crash. The pool drops that client; the next query opens a new connection.
  pool.on('error', () => {});
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new Error('feature store is closed');
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    assertOpen();
    options.trace?.(text, values ?? []);
    try {
      return await pool.query<R>(text, values);
    } catch (err) {
      throw translate(err);
    }
  };
  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    assertOpen();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw translate(err);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (isUnavailable(err)) broken = err as Error;
      else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw translate(err);
    } finally {
      client.release(broken);
    }
  };
  return {
    pool,
    query,
    transaction,
    assertOpen,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The URL with its password replaced by `***` (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
