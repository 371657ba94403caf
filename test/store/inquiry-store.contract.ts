import { describe, expect, it } from 'vitest';
import type { FeatureStore } from '../../server/src/store/feature-store';
import { type InquiryStore, type NewInquiry, ReferenceTaken } from '../../server/src/store/inquiry-store';
import { fixture } from './feature-store.contract';

/** A fresh, empty database per call; `open` may be called twice (two instances on one database). */
export interface InquiryStoreHarness {
  open(): Promise<InquiryStore & Pick<FeatureStore, 'revision' | 'seed' | 'close'>>;
  dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 11, 1, 8);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
let serial = 0;

function inquiry(overrides: Partial<NewInquiry> = {}): NewInquiry {
  serial += 1;
  const n = String(serial).padStart(4, '0');
  return {
    reference: `LC-TEST-${n}-0000`,
    createdAt: iso(T0 + serial * 1000),
    name: 'Nguyễn Văn An',
    organisation: 'Công ty TNHH Thử',
    email: 'an@example.vn',
    phone: null,
    language: 'vi',
    message: 'Xin thông tin về diện tích còn trống.\nCảm ơn.',
    sites: [{ collection: 'industrial-clusters', id: 1, name: 'KCN Tằng Loỏng' }],
    ...overrides,
  };
}
const budget = (key: string, atMs: number, max = 3) => ({ key, atMs, max, windowMs: HOUR });

/**
 * Inquiries, their history and the submission budget: the behaviour every InquiryStore backend
 * must show (SQLite and PostGIS), on a real database.
 */
export function runInquiryStoreContract(name: string, create: () => InquiryStoreHarness): void {
  describe(`InquiryStore contract: ${name}`, () => {
    async function withStore(fn: (store: Awaited<ReturnType<InquiryStoreHarness['open']>>) => Promise<void>) {
      const harness = create();
      const store = await harness.open();
      try {
        await fn(store);
      } finally {
        await store.close();
        await harness.dispose();
      }
    }

    it('stores an inquiry as sent (text as text), new and unassigned, with its created event', () =>
      withStore(async (store) => {
        const sent = inquiry({
          message: '<script>alert(1)</script> & “quotes” — 🏭\nline 2',
          phone: '+84 214 3840 123',
        });
        const result = await store.createInquiry(sent, budget('address:a', T0));
        const expected = { ...sent, status: 'new', assignee: null, updatedAt: sent.createdAt };
        expect(result).toEqual({ created: true, inquiry: expected });
        expect(await store.getInquiry(sent.reference)).toEqual({
          ...expected,
          history: [{ at: sent.createdAt, by: null, action: 'created', from: null, to: null, note: null }],
        });
        expect(await store.getInquiry('LC-NONE-NONE-NONE')).toBeUndefined();
      }));

    it('counts submissions per key within the window, refuses past the budget, and forgets old ones', () =>
      withStore(async (store) => {
        for (let i = 0; i < 3; i += 1) {
          expect((await store.createInquiry(inquiry(), budget('address:a', T0 + i * 1000))).created).toBe(
            true,
          );
        }
        const refused = inquiry();
        expect(await store.createInquiry(refused, budget('address:a', T0 + 5000))).toEqual({
          created: false,
          oldestMs: T0,
        });
        expect(await store.getInquiry(refused.reference)).toBeUndefined();
        expect((await store.createInquiry(inquiry(), budget('address:b', T0 + 5000))).created).toBe(true);
        // An hour after the first, one slot is free again; the next is refused until the second expires.
        expect((await store.createInquiry(inquiry(), budget('address:a', T0 + HOUR))).created).toBe(true);
        expect(await store.createInquiry(inquiry(), budget('address:a', T0 + HOUR + 1))).toEqual({
          created: false,
          oldestMs: T0 + 1000,
        });
      }));

    it('counts exactly under concurrency, also from two store instances on one database', async () => {
      const harness = create();
      const a = await harness.open();
      const b = await harness.open();
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? a : b).createInquiry(inquiry(), budget('address:race', T0 + i, 4)),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(4);
        expect((await a.listInquiries({ limit: 100, offset: 0 })).numberMatched).toBe(4);
      } finally {
        await a.close();
        await b.close();
        await harness.dispose();
      }
    });

    it('refuses a taken reference and records nothing for it', () =>
      withStore(async (store) => {
        const first = inquiry();
        await store.createInquiry(first, budget('address:a', T0, 2));
        await expect(
          store.createInquiry({ ...inquiry(), reference: first.reference }, budget('address:a', T0 + 1, 2)),
        ).rejects.toBeInstanceOf(ReferenceTaken);
        expect((await store.createInquiry(inquiry(), budget('address:a', T0 + 2, 2))).created).toBe(true);
        expect((await store.listInquiries({ limit: 10, offset: 0 })).numberMatched).toBe(2);
      }));

    it('lists newest first, by status, in pages, with the exact count', () =>
      withStore(async (store) => {
        const sent = [inquiry(), inquiry(), inquiry()];
        const sameTime = inquiry({ createdAt: sent[2]?.createdAt });
        for (const [i, x] of [...sent, sameTime].entries()) await store.createInquiry(x, budget(`k${i}`, T0));
        const all = await store.listInquiries({ limit: 10, offset: 0 });
        expect(all.numberMatched).toBe(4);
        expect(all.inquiries.map((x) => x.reference)).toEqual([
          sameTime.reference,
          sent[2]?.reference,
          sent[1]?.reference,
          sent[0]?.reference,
        ]);
        const page = await store.listInquiries({ limit: 2, offset: 1 });
        expect(page.inquiries.map((x) => x.reference)).toEqual([sent[2]?.reference, sent[1]?.reference]);
        expect(page.numberMatched).toBe(4);
        await store.updateInquiry(
          String(sent[1]?.reference),
          { status: 'answered' },
          { username: 'eddie' },
          iso(T0 + HOUR),
        );
        const answered = await store.listInquiries({ status: 'answered', limit: 10, offset: 0 });
        expect(answered.inquiries.map((x) => [x.reference, x.status])).toEqual([
          [sent[1]?.reference, 'answered'],
        ]);
        expect(answered.numberMatched).toBe(1);
        expect((await store.listInquiries({ status: 'new', limit: 10, offset: 0 })).numberMatched).toBe(3);
        expect((await store.listInquiries({ status: 'closed', limit: 10, offset: 0 })).inquiries).toEqual([]);
      }));

    it('records every change with who and when, and nothing for a change to the same value', () =>
      withStore(async (store) => {
        const sent = inquiry();
        await store.createInquiry(sent, budget('address:a', T0));
        const eddie = { username: 'eddie' };
        const at1 = iso(T0 + HOUR);
        const taken = await store.updateInquiry(sent.reference, { assignee: 'eddie' }, eddie, at1);
        expect(taken).toMatchObject({ assignee: 'eddie', status: 'new', updatedAt: at1 });
        const same = await store.updateInquiry(
          sent.reference,
          { assignee: 'eddie', status: 'new' },
          eddie,
          iso(T0 + 2 * HOUR),
        );
        expect(same?.updatedAt).toBe(at1);
        expect(same?.history).toHaveLength(2);
        const at3 = iso(T0 + 3 * HOUR);
        const done = await store.updateInquiry(
          sent.reference,
          { status: 'answered', note: 'Đã gọi điện; gửi bảng giá thuê đất.' },
          eddie,
          at3,
        );
        await store.updateInquiry(
          sent.reference,
          { assignee: null, status: 'closed' },
          { username: 'ada' },
          iso(T0 + 4 * HOUR),
        );
        const final = await store.getInquiry(sent.reference);
        expect(done?.status).toBe('answered');
        expect(final).toMatchObject({ status: 'closed', assignee: null, updatedAt: iso(T0 + 4 * HOUR) });
        expect(final?.history.map(({ at, ...e }) => [at === sent.createdAt ? 't0' : at, e])).toEqual([
          ['t0', { by: null, action: 'created', from: null, to: null, note: null }],
          [at1, { by: 'eddie', action: 'assigned', from: null, to: 'eddie', note: null }],
          [at3, { by: 'eddie', action: 'status', from: 'new', to: 'answered', note: null }],
          [
            at3,
            {
              by: 'eddie',
              action: 'note',
              from: null,
              to: null,
              note: 'Đã gọi điện; gửi bảng giá thuê đất.',
            },
          ],
          [iso(T0 + 4 * HOUR), { by: 'ada', action: 'unassigned', from: 'eddie', to: null, note: null }],
          [iso(T0 + 4 * HOUR), { by: 'ada', action: 'status', from: 'answered', to: 'closed', note: null }],
        ]);
        expect(
          await store.updateInquiry('LC-NONE-NONE-NONE', { status: 'closed' }, eddie, at3),
        ).toBeUndefined();
      }));

    it('does not move the data revision (map caches stay valid)', () =>
      withStore(async (store) => {
        await store.seed(fixture().seed);
        const before = await store.revision();
        const sent = inquiry();
        await store.createInquiry(sent, budget('address:a', T0));
        await store.updateInquiry(sent.reference, { note: 'x' }, { username: 'e' }, iso(T0));
        expect(await store.revision()).toBe(before);
      }));
  });
}
