import { INQUIRY_ACTIONS, INQUIRY_LANGUAGES, INQUIRY_STATUSES, isOneOf } from '../contract/vocabulary';
import type {
  InquiryChange,
  InquiryEventRecord,
  InquiryRecord,
  InquirySiteRecord,
  NewInquiry,
} from './inquiry-store';

/**
 * What both inquiry backends map the same way (so SQLite and PostGIS cannot drift apart): rows to
 * records, and the events a change records. Times arrive as ISO text (SQLite) or Date (pg).
 */

/** An `inquiries` row as either driver returns it. */
export interface InquiryRow {
  seq: number;
  reference: string;
  created_at: string | Date;
  updated_at: string | Date;
  status: string;
  assignee: string | null;
  name: string;
  organisation: string | null;
  email: string | null;
  phone: string | null;
  language: string;
  message: string;
  /** JSON text (SQLite) or parsed jsonb (pg). */
  sites: string | InquirySiteRecord[];
}

/** An `inquiry_events` row. */
export interface InquiryEventRow {
  at: string | Date;
  username: string | null;
  action: string;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
}

/** One event to insert: action, from, to, note. */
export type EventValues = [string, string | null, string | null, string | null];

/**
 * The values of a new `inquiries` row, in both backends' INSERT order: reference, created (also
 * updated), name, organisation, email, phone, language, message, sites (JSON text).
 */
export function inquiryInsertValues(inquiry: NewInquiry): (string | null)[] {
  return [
    inquiry.reference,
    inquiry.createdAt,
    inquiry.name,
    inquiry.organisation,
    inquiry.email,
    inquiry.phone,
    inquiry.language,
    inquiry.message,
    JSON.stringify(inquiry.sites),
  ];
}

const isoOf = (t: string | Date): string => (typeof t === 'string' ? t : t.toISOString());

/** A stored word outside its list is a broken database, not a value to pass on. */
function word<T extends string>(list: readonly T[], value: string, what: string): T {
  if (!isOneOf(list, value)) throw new Error(`stored inquiry ${what} '${value}' is not known`);
  return value;
}

export function toInquiryRecord(row: InquiryRow): InquiryRecord {
  return {
    reference: row.reference,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    status: word(INQUIRY_STATUSES, row.status, 'status'),
    assignee: row.assignee,
    name: row.name,
    organisation: row.organisation,
    email: row.email,
    phone: row.phone,
    language: word(INQUIRY_LANGUAGES, row.language, 'language'),
    message: row.message,
    sites: typeof row.sites === 'string' ? (JSON.parse(row.sites) as InquirySiteRecord[]) : row.sites,
  };
}

export function toInquiryEvent(row: InquiryEventRow): InquiryEventRecord {
  return {
    at: isoOf(row.at),
    by: row.username,
    action: word(INQUIRY_ACTIONS, row.action, 'action'),
    from: row.from_value,
    to: row.to_value,
    note: row.note,
  };
}

/**
 * The events a change records against the stored row: an assignee or a status that differs
 * (with from and to), and a note; none for values that equal the stored ones.
 */
export function changeEvents(
  current: Pick<InquiryRow, 'assignee' | 'status'>,
  change: InquiryChange,
): EventValues[] {
  const events: EventValues[] = [];
  if (change.assignee !== undefined && change.assignee !== current.assignee) {
    events.push([
      change.assignee === null ? 'unassigned' : 'assigned',
      current.assignee,
      change.assignee,
      null,
    ]);
  }
  if (change.status !== undefined && change.status !== current.status) {
    events.push(['status', current.status, change.status, null]);
  }
  if (change.note !== undefined) events.push(['note', null, null, change.note]);
  return events;
}

/** The assignee and status after a change. */
export function changedState(
  current: Pick<InquiryRow, 'assignee' | 'status'>,
  change: InquiryChange,
): { assignee: string | null; status: string } {
  return {
    assignee: change.assignee === undefined ? current.assignee : change.assignee,
    status: change.status ?? current.status,
  };
}
