import type { Actor } from '../feature-store';
import {
  changedState,
  changeEvents,
  type InquiryEventRow,
  type InquiryRow,
  inquiryInsertValues,
  toInquiryEvent,
  toInquiryRecord,
} from '../inquiry-rows';
import type {
  InquiryChange,
  InquiryStore,
  InquiryWithHistory,
  NewInquiry,
  SubmissionBudget,
} from '../inquiry-store';
import { ReferenceTaken } from '../inquiry-store';
import type { Connection } from './connection';

/** The same methods as InquiryStore, synchronous (the store wraps them). */
export type SyncInquiryStore = {
  [K in keyof InquiryStore]: (...args: Parameters<InquiryStore[K]>) => Awaited<ReturnType<InquiryStore[K]>>;
};

const INSERT_EVENT = `INSERT INTO inquiry_events (inquiry, at, username, action, from_value, to_value, note)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** Inquiries on an open connection (tables of migration 6). */
export function sqliteInquiryMethods(conn: Connection): SyncInquiryStore {
  const { db, prepare } = conn;
  const row = (reference: string) =>
    prepare('SELECT * FROM inquiries WHERE reference = ?').get(reference) as InquiryRow | undefined;
  const withHistory = (r: InquiryRow): InquiryWithHistory => ({
    ...toInquiryRecord(r),
    history: (
      prepare(
        'SELECT at, username, action, from_value, to_value, note FROM inquiry_events WHERE inquiry = ? ORDER BY seq',
      ).all(r.seq) as InquiryEventRow[]
    ).map(toInquiryEvent),
  });

  // BEGIN IMMEDIATE: the count and the insert happen under the write lock, so two processes on
  // one file cannot both see room for one more.
  const create = db.transaction((inquiry: NewInquiry, budget: SubmissionBudget) => {
    const since = budget.atMs - budget.windowMs;
    prepare('DELETE FROM inquiry_submissions WHERE at_ms <= ?').run(since);
    const recent = prepare('SELECT at_ms FROM inquiry_submissions WHERE key = ? ORDER BY at_ms')
      .pluck()
      .all(budget.key) as number[];
    if (recent.length >= budget.max) return { created: false as const, oldestMs: recent[0] ?? budget.atMs };
    if (row(inquiry.reference)) throw new ReferenceTaken(inquiry.reference);
    // updated_at starts as created_at (PostGIS writes $2 twice).
    const [reference, createdAt, ...rest] = inquiryInsertValues(inquiry);
    const { lastInsertRowid } = prepare(
      `INSERT INTO inquiries (reference, created_at, updated_at, name, organisation, email, phone, language, message, sites)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(reference, createdAt, createdAt, ...rest);
    prepare(INSERT_EVENT).run(lastInsertRowid, inquiry.createdAt, null, 'created', null, null, null);
    prepare('INSERT INTO inquiry_submissions (key, at_ms) VALUES (?, ?)').run(budget.key, budget.atMs);
    return { created: true as const, inquiry: toInquiryRecord(row(inquiry.reference) as InquiryRow) };
  });

  const update = db.transaction((reference: string, change: InquiryChange, actor: Actor, at: string) => {
    const current = row(reference);
    if (!current) return undefined;
    const events = changeEvents(current, change);
    if (events.length > 0) {
      const next = changedState(current, change);
      prepare('UPDATE inquiries SET assignee = ?, status = ?, updated_at = ? WHERE seq = ?').run(
        next.assignee,
        next.status,
        at,
        current.seq,
      );
      for (const [action, from, to, note] of events) {
        prepare(INSERT_EVENT).run(current.seq, at, actor.username, action, from, to, note);
      }
    }
    return withHistory(row(reference) as InquiryRow);
  });

  return {
    createInquiry: (inquiry, budget) => create.immediate(inquiry, budget),
    listInquiries: ({ status, limit, offset }) => {
      const where = status === undefined ? '' : 'WHERE status = ?';
      const params = status === undefined ? [] : [status];
      const rows = prepare(
        `SELECT * FROM inquiries ${where} ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?`,
      ).all(...params, limit, offset) as InquiryRow[];
      const numberMatched = prepare(`SELECT count(*) FROM inquiries ${where}`)
        .pluck()
        .get(...params) as number;
      return { inquiries: rows.map(toInquiryRecord), numberMatched };
    },
    getInquiry: (reference) => {
      const r = row(reference);
      return r ? withHistory(r) : undefined;
    },
    updateInquiry: (reference, change, actor, at) => update.immediate(reference, change, actor, at),
  };
}
