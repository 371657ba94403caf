import type { InquiryAction, InquiryLanguage, InquiryStatus } from '../contract/vocabulary';
import type { Actor } from './feature-store';

/** A site an inquiry names, with its name when the inquiry was sent. */
export interface InquirySiteRecord {
  collection: string;
  id: number;
  name: string;
}

/** What the sender wrote, checked and trimmed (inquiries/inquiry.validation.ts), with its reference. */
export interface NewInquiry {
  reference: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  name: string;
  organisation: string | null;
  email: string | null;
  phone: string | null;
  language: InquiryLanguage;
  message: string;
  sites: InquirySiteRecord[];
}

export interface InquiryRecord extends NewInquiry {
  updatedAt: string;
  status: InquiryStatus;
  assignee: string | null;
}

/** One recorded change. `by` null = the sender (the `created` event). */
export interface InquiryEventRecord {
  at: string;
  by: string | null;
  action: InquiryAction;
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface InquiryWithHistory extends InquiryRecord {
  /** Oldest first; the first is `created`. */
  history: InquiryEventRecord[];
}

/**
 * The per-address budget a submission is checked against, counted in the database so a restart
 * forgets nothing and every instance on one database counts together (like login failures).
 */
export interface SubmissionBudget {
  /** e.g. `address:203.0.113.9`. */
  key: string;
  /** Epoch ms of this submission. */
  atMs: number;
  /** Submissions allowed within the window. */
  max: number;
  windowMs: number;
}

export type CreateInquiryResult =
  | { created: true; inquiry: InquiryRecord }
  /** The budget is spent; `oldestMs` is the oldest submission still in the window. */
  | { created: false; oldestMs: number };

/** A change staff make; each member given and different from the stored value becomes one event. */
export interface InquiryChange {
  assignee?: string | null;
  status?: InquiryStatus;
  note?: string;
}

/** createInquiry found the reference taken (60 random bits: practically never; the caller draws again). */
export class ReferenceTaken extends Error {
  override name = 'ReferenceTaken';
  constructor(readonly reference: string) {
    super(`inquiry reference ${reference} is taken`);
  }
}

/**
 * Investor inquiries and their history (issue 15), in the same database as the features; both
 * backends pass test/store/inquiry-store.contract.ts. Inquiries do not move the data revision
 * (map caches stay valid). Not found is undefined. Times are ISO 8601 UTC strings.
 */
export interface InquiryStore {
  /**
   * In one transaction: counts the key's submissions within the window (and forgets older ones);
   * when fewer than `max`, stores the inquiry, its `created` event and this submission. Exact
   * under concurrency (SQLite: an immediate transaction; PostgreSQL: a lock per key).
   * Throws ReferenceTaken when the reference exists.
   */
  createInquiry(inquiry: NewInquiry, budget: SubmissionBudget): Promise<CreateInquiryResult>;
  /** Newest first (created time, then insertion order); `numberMatched` counts all matching. */
  listInquiries(query: {
    status?: InquiryStatus;
    limit: number;
    offset: number;
  }): Promise<{ inquiries: InquiryRecord[]; numberMatched: number }>;
  getInquiry(reference: string): Promise<InquiryWithHistory | undefined>;
  /**
   * Applies the change in one transaction: an assignee or status that differs from the stored one
   * and a note each add one event by `actor` at `at`, and move `updatedAt`; the same values add
   * nothing. Undefined when the reference does not exist.
   */
  updateInquiry(
    reference: string,
    change: InquiryChange,
    actor: Actor,
    at: string,
  ): Promise<InquiryWithHistory | undefined>;
}
