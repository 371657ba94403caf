import {
  changedState,
  changeEvents,
  type InquiryEventRow,
  type InquiryRow,
  inquiryInsertValues,
  toInquiryEvent,
  toInquiryRecord,
} from '../inquiry-rows';
import type { InquiryStore, InquiryWithHistory } from '../inquiry-store';
import { ReferenceTaken } from '../inquiry-store';
import type { Connection, Queryable } from './connection';
import { LOCK_CLASS } from './migrations';

const INSERT_EVENT = `INSERT INTO inquiry_events (inquiry, at, username, action, from_value, to_value, note)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

async function withHistory(db: Queryable, row: InquiryRow): Promise<InquiryWithHistory> {
  const { rows } = await db.query<InquiryEventRow>(
    'SELECT at, username, action, from_value, to_value, note FROM inquiry_events WHERE inquiry = $1 ORDER BY seq',
    [row.seq],
  );
  return { ...toInquiryRecord(row), history: rows.map(toInquiryEvent) };
}

/**
 * Inquiries on PostGIS (tables of migration 5). A submission takes a transaction-scoped advisory
 * lock on its budget key first, so concurrent submissions from one address, on any instance,
 * are counted one after the other; a change locks its inquiry row (SELECT … FOR UPDATE).
 */
export function postgisInquiryMethods(conn: Connection): InquiryStore {
  const find = async (db: Queryable, reference: string, lock = false) =>
    (
      await db.query<InquiryRow>(`SELECT * FROM inquiries WHERE reference = $1${lock ? ' FOR UPDATE' : ''}`, [
        reference,
      ])
    ).rows[0];
  return {
    createInquiry: (inquiry, budget) =>
      conn.transaction(async (tx) => {
        await tx.query(
          `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(current_schema() || ':inquiry:' || $1))`,
          [budget.key],
        );
        await tx.query('DELETE FROM inquiry_submissions WHERE at_ms <= $1', [budget.atMs - budget.windowMs]);
        const { rows: recent } = await tx.query<{ at_ms: number }>(
          'SELECT at_ms FROM inquiry_submissions WHERE key = $1 ORDER BY at_ms',
          [budget.key],
        );
        if (recent.length >= budget.max)
          return { created: false as const, oldestMs: recent[0]?.at_ms ?? budget.atMs };
        const { rows } = await tx.query<InquiryRow>(
          `INSERT INTO inquiries (reference, created_at, updated_at, name, organisation, email, phone, language, message, sites)
           VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
           ON CONFLICT (reference) DO NOTHING RETURNING *`,
          inquiryInsertValues(inquiry),
        );
        const row = rows[0];
        if (!row) throw new ReferenceTaken(inquiry.reference);
        await tx.query(INSERT_EVENT, [row.seq, inquiry.createdAt, null, 'created', null, null, null]);
        await tx.query('INSERT INTO inquiry_submissions (key, at_ms) VALUES ($1, $2)', [
          budget.key,
          budget.atMs,
        ]);
        return { created: true as const, inquiry: toInquiryRecord(row) };
      }),
    listInquiries: async ({ status, limit, offset }) => {
      const where = status === undefined ? '' : 'WHERE status = $3';
      const params: unknown[] = [limit, offset, ...(status === undefined ? [] : [status])];
      const { rows } = await conn.query<InquiryRow>(
        `SELECT * FROM inquiries ${where} ORDER BY created_at DESC, seq DESC LIMIT $1 OFFSET $2`,
        params,
      );
      const { rows: count } = await conn.query<{ n: number }>(
        `SELECT count(*) AS n FROM inquiries ${status === undefined ? '' : 'WHERE status = $1'}`,
        status === undefined ? [] : [status],
      );
      return { inquiries: rows.map(toInquiryRecord), numberMatched: count[0]?.n ?? 0 };
    },
    getInquiry: async (reference) => {
      const row = await find(conn, reference);
      return row ? withHistory(conn, row) : undefined;
    },
    updateInquiry: (reference, change, actor, at) =>
      conn.transaction(async (tx) => {
        const current = await find(tx, reference, true);
        if (!current) return undefined;
        const events = changeEvents(current, change);
        if (events.length === 0) return withHistory(tx, current);
        const next = changedState(current, change);
        const { rows } = await tx.query<InquiryRow>(
          'UPDATE inquiries SET assignee = $2, status = $3, updated_at = $4 WHERE seq = $1 RETURNING *',
          [current.seq, next.assignee, next.status, at],
        );
        for (const [action, from, to, note] of events) {
          await tx.query(INSERT_EVENT, [current.seq, at, actor.username, action, from, to, note]);
        }
        return withHistory(tx, rows[0] as InquiryRow);
      }),
  };
}
