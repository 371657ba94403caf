/**
 * Investor inquiries (issue 15): what anyone may send (POST /api/inquiries), the receipt they get,
 * and what staff (editor, admin) read and change in the inbox. Texts are stored and returned as
 * given (trimmed), never as HTML: clients must render them as text.
 */
import { type Static, Type } from 'typebox';
import { Timestamp } from './common';
import { INQUIRY_ACTIONS, INQUIRY_LANGUAGES, INQUIRY_STATUSES } from './vocabulary';

export const INQUIRY_LIMITS = {
  name: 200,
  organisation: 200,
  email: 254,
  phone: 40,
  message: 5000,
  note: 2000,
  sites: 10,
} as const;

/** A reference number: `LC-` and three groups of four Crockford base-32 characters (60 random bits). */
export const INQUIRY_REFERENCE_PATTERN =
  '^LC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$';

/** A string or null (one JSON Schema type list, so a bad value gets one clear error). */
const nullableText = (maxLength: number, extra: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength, ...extra });

/** A site an inquiry is about: a feature of a collection with a `site` hint (the clusters). */
export const InquirySiteInput = Type.Object(
  { collection: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/**
 * POST /api/inquiries. `email` or `phone` (at least one); blank optional texts count as not given.
 * Field problems answer 422 with `errors[]` naming each field.
 */
export const InquiryBody = Type.Object(
  {
    name: Type.String({ maxLength: INQUIRY_LIMITS.name }),
    organisation: Type.Optional(nullableText(INQUIRY_LIMITS.organisation)),
    email: Type.Optional(nullableText(INQUIRY_LIMITS.email)),
    phone: Type.Optional(nullableText(INQUIRY_LIMITS.phone)),
    language: Type.Enum(INQUIRY_LANGUAGES),
    message: Type.String({ maxLength: INQUIRY_LIMITS.message }),
    sites: Type.Optional(Type.Array(InquirySiteInput, { maxItems: INQUIRY_LIMITS.sites })),
  },
  { additionalProperties: false },
);
export type InquiryBody = Static<typeof InquiryBody>;

/** A site named by an inquiry, with its name when the inquiry was sent. */
export const InquirySite = Type.Object(
  { collection: Type.String(), id: Type.Integer({ minimum: 0 }), name: Type.String() },
  { additionalProperties: false },
);
export type InquirySite = Static<typeof InquirySite>;

/** What the sender gets back (201): the reference to quote, and nothing of any other inquiry. */
export const InquiryReceipt = Type.Object(
  {
    reference: Type.String({ pattern: INQUIRY_REFERENCE_PATTERN }),
    status: Type.Literal('new'),
    createdAt: Timestamp,
    language: Type.Enum(INQUIRY_LANGUAGES),
    sites: Type.Array(InquirySite),
  },
  { additionalProperties: false },
);
export type InquiryReceipt = Static<typeof InquiryReceipt>;

const contactMembers = {
  reference: Type.String({ pattern: INQUIRY_REFERENCE_PATTERN }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  status: Type.Enum(INQUIRY_STATUSES),
  /** The staff member who took it, or null. */
  assignee: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  language: Type.Enum(INQUIRY_LANGUAGES),
  sites: Type.Array(InquirySite),
};

/** One row of the inbox: the inquiry without its message and history; `preview` = the message's first 160 characters. */
export const InquirySummary = Type.Object(
  { ...contactMembers, preview: Type.String() },
  { additionalProperties: false },
);
export type InquirySummary = Static<typeof InquirySummary>;

/** One recorded change: who (null = the sender) and when; `from`/`to` for assignment and status, `note` for a note. */
export const InquiryEvent = Type.Object(
  {
    at: Timestamp,
    by: Type.Union([Type.String(), Type.Null()]),
    action: Type.Enum(INQUIRY_ACTIONS),
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.Union([Type.String(), Type.Null()]),
    note: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type InquiryEvent = Static<typeof InquiryEvent>;

/** GET/PATCH /api/inquiries/{reference}: the whole inquiry and its history, oldest first. */
export const InquiryDetail = Type.Object(
  { ...contactMembers, message: Type.String(), history: Type.Array(InquiryEvent) },
  { additionalProperties: false },
);
export type InquiryDetail = Static<typeof InquiryDetail>;

/** GET /api/inquiries: a page of the inbox, newest first. */
export const InquiryList = Type.Object(
  {
    inquiries: Type.Array(InquirySummary),
    numberMatched: Type.Integer({ minimum: 0 }),
    numberReturned: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 1 }),
    offset: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type InquiryList = Static<typeof InquiryList>;

/**
 * PATCH /api/inquiries/{reference} (staff): take it (`assignee` = your own username) or give it
 * back (`null`), move its status, add an internal note; any of the three, at least one. Each
 * change is recorded with who and when.
 */
export const InquiryPatch = Type.Object(
  {
    assignee: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 100 })),
    status: Type.Optional(Type.Enum(INQUIRY_STATUSES)),
    note: Type.Optional(Type.String({ maxLength: INQUIRY_LIMITS.note })),
  },
  { additionalProperties: false },
);
export type InquiryPatch = Static<typeof InquiryPatch>;
