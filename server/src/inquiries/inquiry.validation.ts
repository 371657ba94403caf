import type { ErrorObject } from 'ajv';
import { createAjv } from '../../../geodata/rules/json-schema';
import { InquiryBody, InquiryPatch } from '../contract/inquiries';
import type { InquiryChange, NewInquiry } from '../store/inquiry-store';
import type { FieldError } from '../validation/field-error';

/** What a sender wrote, trimmed, blank optional texts as null; sites not yet looked up. */
export type CheckedInquiry = Omit<NewInquiry, 'reference' | 'createdAt' | 'sites'> & {
  sites: { collection: string; id: number }[];
};

export type Checked<T> =
  | { valid: true; value: T }
  | { valid: false; status: 400 | 422; errors: FieldError[] };

const ajv = createAjv();
const validateBody = ajv.compile<InquiryBody>(InquiryBody);
const validatePatch = ajv.compile<InquiryPatch>(InquiryPatch);

/** Control characters (C0, DEL, C1): never part of a text, except tab and line breaks in a message. */
const CONTROL = /\p{Cc}/u;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/u;
const PHONE = /^\+?[0-9 ().-]+$/u;

function fieldOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return String(p.missingProperty);
  if (e.keyword === 'additionalProperties' && e.instancePath === '') return String(p.additionalProperty);
  return e.instancePath.split('/')[1] || '(body)';
}

/** ajv errors as field errors, one per field (the first: a type error explains the rest). */
function schemaErrors(errors: readonly ErrorObject[]): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    const field = fieldOf(e);
    if (out.has(field)) continue;
    const p = e.params as Record<string, unknown>;
    const error: FieldError =
      e.keyword === 'required'
        ? { field, code: 'Required', message: 'is required' }
        : e.keyword === 'additionalProperties'
          ? { field, code: 'UnknownProperty', message: 'is not a member of an inquiry' }
          : e.keyword === 'maxLength'
            ? {
                field,
                code: 'TooLong',
                message: `must be at most ${String(p.limit)} characters`,
                params: { limit: Number(p.limit) },
              }
            : e.keyword === 'maxItems'
              ? {
                  field,
                  code: 'OutOfRange',
                  message: `may name at most ${String(p.limit)} sites`,
                  params: { comparison: '<=', limit: Number(p.limit) },
                }
              : e.keyword === 'enum'
                ? {
                    field,
                    code: 'NotInVocabulary',
                    message: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`,
                    params: { allowed: (p.allowedValues as unknown[]).join(', ') },
                  }
                : e.keyword === 'type'
                  ? {
                      field,
                      code: 'InvalidType',
                      message: `must be ${String(p.type)}`,
                      params: { type: String(p.type) },
                    }
                  : { field, code: 'Invalid', message: e.message ?? 'is invalid' };
    out.set(field, error);
  }
  return [...out.values()];
}

/** The trimmed text, null when blank; an error when it holds control characters (or line breaks, for one-line fields). */
function text(
  value: string | null | undefined,
  field: string,
  errors: FieldError[],
  multiline = false,
): string | null {
  const t = (value ?? '').trim();
  const controls = multiline ? t.replace(/[\t\n\r]/g, '') : t;
  if (CONTROL.test(controls) || (!multiline && LINE_BREAK.test(t))) {
    errors.push({
      field,
      code: 'Invalid',
      message: multiline ? 'must not contain control characters' : 'must be one line of text',
    });
  }
  return t === '' ? null : t;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NOT_AN_OBJECT: Checked<never> = {
  valid: false,
  status: 400,
  errors: [{ field: '(body)', code: 'Invalid', message: 'the body must be a JSON object' }],
};

/**
 * Checks an inquiry body (contract InquiryBody): the schema's types and lengths, then one-line
 * texts without control characters, a name and a message, and at least one way to answer: an
 * email address or a phone number (both named when neither is given). Pure.
 */
export function checkInquiry(body: unknown): Checked<CheckedInquiry> {
  if (!isObject(body)) return NOT_AN_OBJECT;
  if (!validateBody(body))
    return { valid: false, status: 422, errors: schemaErrors(validateBody.errors ?? []) };
  const errors: FieldError[] = [];
  const name = text(body.name, 'name', errors);
  const organisation = text(body.organisation, 'organisation', errors);
  const email = text(body.email, 'email', errors);
  const phone = text(body.phone, 'phone', errors);
  const message = text(body.message, 'message', errors, true);
  if (name === null) errors.push({ field: 'name', code: 'Required', message: 'is required' });
  if (message === null) errors.push({ field: 'message', code: 'Required', message: 'is required' });
  if (email !== null && !EMAIL.test(email)) {
    errors.push({
      field: 'email',
      code: 'InvalidFormat',
      message: 'must be an email address such as name@example.vn',
      params: { format: 'email' },
    });
  }
  const digits = phone?.replace(/\D/g, '').length ?? 0;
  if (phone !== null && (!PHONE.test(phone) || digits < 6 || digits > 20)) {
    errors.push({
      field: 'phone',
      code: 'InvalidFormat',
      message: 'must be a phone number (6–20 digits, + ( ) - . and spaces)',
      params: { format: 'phone' },
    });
  }
  if (email === null && phone === null) {
    const message = 'give an email address or a phone number, so staff can answer';
    errors.push({ field: 'email', code: 'Required', message }, { field: 'phone', code: 'Required', message });
  }
  if (errors.length > 0) return { valid: false, status: 422, errors };
  const seen = new Set<string>();
  const sites = (body.sites ?? []).filter(
    (s) => !seen.has(`${s.collection}/${s.id}`) && seen.add(`${s.collection}/${s.id}`),
  );
  return {
    valid: true,
    value: {
      name: name ?? '',
      organisation,
      email,
      phone,
      language: body.language,
      message: message ?? '',
      sites,
    },
  };
}

/**
 * Checks a staff change (contract InquiryPatch): at least one member; `assignee` is the signed-in
 * user's own name (taking it) or null (giving it back); a note is non-blank text. Pure.
 */
export function checkInquiryPatch(body: unknown, username: string): Checked<InquiryChange> {
  if (!isObject(body)) return NOT_AN_OBJECT;
  if (!validatePatch(body))
    return { valid: false, status: 422, errors: schemaErrors(validatePatch.errors ?? []) };
  const errors: FieldError[] = [];
  const change: InquiryChange = {};
  if (body.assignee !== undefined) {
    if (body.assignee !== null && body.assignee.trim().toLowerCase() !== username.toLowerCase()) {
      errors.push({
        field: 'assignee',
        code: 'Invalid',
        message: 'can only be yourself (take the inquiry) or null (give it back)',
      });
    } else change.assignee = body.assignee === null ? null : username;
  }
  if (body.status !== undefined) change.status = body.status;
  if (body.note !== undefined) {
    const note = text(body.note, 'note', errors, true);
    if (note === null) errors.push({ field: 'note', code: 'Required', message: 'must not be empty' });
    else change.note = note;
  }
  if (errors.length === 0 && Object.keys(change).length === 0) {
    errors.push({ field: '(body)', code: 'Required', message: 'give assignee, status or note' });
  }
  return errors.length > 0 ? { valid: false, status: 422, errors } : { valid: true, value: change };
}
