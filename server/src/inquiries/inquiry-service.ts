import type { Catalog } from '../catalog/catalog';
import type { InquiryDetail, InquiryList, InquiryReceipt, InquirySummary } from '../contract/inquiries';
import type { InquiryStatus } from '../contract/vocabulary';
import { ApiError, notFound } from '../errors';
import { textOf } from '../site/site-object';
import type { Actor, FeatureStore } from '../store/feature-store';
import {
  type CreateInquiryResult,
  type InquiryRecord,
  type InquirySiteRecord,
  type InquiryStore,
  ReferenceTaken,
} from '../store/inquiry-store';
import type { FieldError } from '../validation/field-error';
import { type Checked, checkInquiry, checkInquiryPatch } from './inquiry.validation';
import { newInquiryReference } from './reference';

/** Submissions one address may make within the window; more → 429 with Retry-After. */
export interface InquiryLimit {
  max: number;
  windowMs: number;
}

/** Default: 5 inquiries per address per hour (an investor asking about a shortlist sends one). */
export const DEFAULT_INQUIRY_LIMIT: InquiryLimit = { max: 5, windowMs: 60 * 60_000 };

const PREVIEW_LENGTH = 160;

export interface InquiryServiceOptions {
  /** Epoch ms (tests pass a fake clock). */
  clock: () => number;
  limit?: InquiryLimit;
  /** Draws a reference (default: 60 random bits, reference.ts). */
  newReference?: () => string;
}

function invalid<T>(checked: Checked<T>): T {
  if (checked.valid) return checked.value;
  const detail =
    checked.status === 400
      ? 'The body must be a JSON object.'
      : `The inquiry is not valid: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
  const errors: FieldError[] = checked.errors;
  throw new ApiError(
    checked.status,
    checked.status === 400 ? 'InvalidBody' : 'ValidationFailed',
    detail,
    undefined,
    {
      body: { errors },
    },
  );
}

function summary(r: InquiryRecord): InquirySummary {
  const { message, ...rest } = r;
  return { ...rest, preview: [...message].slice(0, PREVIEW_LENGTH).join('') };
}

/**
 * Investor inquiries (issue 15): anyone submits (checked, sites looked up, rate-limited per
 * address in the store), staff list, read and change them. Failures are ApiErrors (400, 404, 422,
 * 429) for the one error handler; no HTTP request in here.
 */
export class InquiryService {
  readonly #limit: InquiryLimit;
  readonly #newReference: () => string;

  constructor(
    private readonly store: InquiryStore & FeatureStore,
    private readonly catalog: Catalog,
    private readonly options: InquiryServiceOptions,
  ) {
    this.#limit = options.limit ?? DEFAULT_INQUIRY_LIMIT;
    this.#newReference = options.newReference ?? newInquiryReference;
  }

  /** Stores an inquiry from `address` (the client's IP) and returns the sender's receipt. */
  async submit(body: unknown, address: string): Promise<InquiryReceipt> {
    const checked = invalid(checkInquiry(body));
    const sites = await this.#sites(checked.sites);
    const atMs = this.options.clock();
    const budget = { key: `address:${address}`, atMs, ...this.#limit };
    let result: CreateInquiryResult | undefined;
    for (let attempt = 0; result === undefined; attempt += 1) {
      const inquiry = {
        ...checked,
        sites,
        reference: this.#newReference(),
        createdAt: new Date(atMs).toISOString(),
      };
      try {
        result = await this.store.createInquiry(inquiry, budget);
      } catch (err) {
        if (!(err instanceof ReferenceTaken) || attempt >= 2) throw err;
      }
    }
    if (!result.created) {
      const seconds = Math.max(1, Math.ceil((result.oldestMs + this.#limit.windowMs - atMs) / 1000));
      throw new ApiError(
        429,
        'TooManyRequests',
        'Too many inquiries from this address; please try again later.',
        undefined,
        {
          headers: { 'retry-after': String(seconds) },
        },
      );
    }
    const { reference, createdAt, language } = result.inquiry;
    return { reference, status: 'new', createdAt, language, sites: result.inquiry.sites };
  }

  async list(query: { status?: InquiryStatus; limit: number; offset: number }): Promise<InquiryList> {
    const page = await this.store.listInquiries(query);
    return {
      inquiries: page.inquiries.map(summary),
      numberMatched: page.numberMatched,
      numberReturned: page.inquiries.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(reference: string): Promise<InquiryDetail> {
    const found = await this.store.getInquiry(reference);
    if (!found) throw notFound(`Inquiry '${reference.slice(0, 40)}' does not exist`);
    return found;
  }

  /** Applies a staff change by `actor` (contract InquiryPatch). */
  async update(reference: string, body: unknown, actor: Actor): Promise<InquiryDetail> {
    const change = invalid(checkInquiryPatch(body, actor.username));
    const at = new Date(this.options.clock()).toISOString();
    const updated = await this.store.updateInquiry(reference, change, actor, at);
    if (!updated) throw notFound(`Inquiry '${reference.slice(0, 40)}' does not exist`);
    return updated;
  }

  /** The named sites with their names; 422 naming `sites` for a collection without sites or a missing feature. */
  async #sites(refs: readonly { collection: string; id: number }[]): Promise<InquirySiteRecord[]> {
    const out: InquirySiteRecord[] = [];
    const errors: FieldError[] = [];
    for (const [i, ref] of refs.entries()) {
      const collection = this.catalog.collection(ref.collection);
      const feature = collection?.site ? await this.store.getFeature(collection.id, ref.id) : undefined;
      if (!collection?.site || !feature) {
        const what = `${ref.collection.slice(0, 64)}/${ref.id}`;
        errors.push({
          field: 'sites',
          code: 'Invalid',
          message: `item ${i + 1}: ${what} is not a site on this map`,
          params: { index: i },
        });
        continue;
      }
      out.push({
        collection: collection.id,
        id: feature.id,
        name: textOf(feature.properties, collection.label) ?? `${collection.id}/${feature.id}`,
      });
    }
    if (errors.length > 0) invalid({ valid: false, status: 422, errors });
    return out;
  }
}
