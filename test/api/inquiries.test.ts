/**
 * Investor inquiries over HTTP (issue 15), on the shipped geodata: anyone sends one and gets only a
 * reference; staff (editor, admin) work the inbox, every change recorded; anonymous 401, viewer
 * 403; per-address rate limit (429 + Retry-After, counted in the store), body size (413), field
 * problems (422 naming the field).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InquiryDetail, InquiryList, InquiryReceipt } from '../../server/src/contract/api';
import { INQUIRY_REFERENCE_PATTERN } from '../../server/src/contract/inquiries';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { writeHeaders } from './write-fixtures';

let t: TestApp;
let now = Date.UTC(2026, 11, 5, 2);
const who = { viewer: '', editor: '', admin: '' };
const ROOMY = { max: 1000, windowMs: 3_600_000 };

/** One app (shipped geodata) per describe block: building one costs seconds on this machine. */
function appForBlock(limit = ROOMY): void {
  beforeAll(async () => {
    t = await buildTestApp({ clock: () => now, overrides: { inquiryLimit: limit } });
    who.viewer = await signIn(t.app, { username: 'vera', role: 'viewer' });
    who.editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
    who.admin = await signIn(t.app, { username: 'ada', role: 'admin' });
  });
  afterAll(async () => t.close());
}

const valid = (overrides: Record<string, unknown> = {}) => ({
  name: 'Trần Thị Bình',
  organisation: 'Công ty CP Chế biến Nông sản',
  email: 'binh@example.vn',
  phone: null,
  language: 'vi',
  message: 'Chúng tôi cần 5 ha đất công nghiệp. <b>Có điện 110 kV không?</b>',
  sites: [
    { collection: 'industrial-clusters', id: 1 },
    { collection: 'industrial-clusters', id: 6 },
  ],
  ...overrides,
});

function send(body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/inquiries',
    headers: { ...writeHeaders(undefined), ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const staff = (method: 'GET' | 'PATCH', url: string, cookie?: string, body?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: method === 'GET' ? (cookie ? { cookie } : {}) : writeHeaders(cookie),
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

const inboxSize = async () =>
  (JSON.parse((await staff('GET', '/api/inquiries?limit=1', who.admin)).body) as InquiryList).numberMatched;

describe('POST /api/inquiries (anyone)', () => {
  appForBlock();
  it('stores the inquiry and answers 201 with a random reference and nothing of any other inquiry', async () => {
    const first = await send(valid());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    const receipt = JSON.parse(first.body) as InquiryReceipt;
    expect(receipt).toEqual({
      reference: expect.stringMatching(new RegExp(INQUIRY_REFERENCE_PATTERN)),
      status: 'new',
      createdAt: new Date(now).toISOString(),
      language: 'vi',
      sites: [
        { collection: 'industrial-clusters', id: 1, name: 'KCN Tằng Loỏng' },
        { collection: 'industrial-clusters', id: 6, name: 'CCN thị trấn Phố Lu' },
      ],
    });
    const second = JSON.parse(
      (await send(valid({ email: null, phone: '+84 214 3840 123', sites: [] }))).body,
    );
    expect(second.reference).not.toBe(receipt.reference);
    expect(Object.keys(second).sort()).toEqual(['createdAt', 'language', 'reference', 'sites', 'status']);
    // What the sender wrote is kept as text, markup and all, for staff to read (as text).
    const stored = JSON.parse((await staff('GET', `/api/inquiries/${receipt.reference}`, who.editor)).body);
    expect(stored.message).toBe(valid().message);
    expect(stored).toMatchObject({
      name: 'Trần Thị Bình',
      email: 'binh@example.vn',
      phone: null,
      status: 'new',
    });
  });

  it.each([
    ['neither email nor phone', { email: null, phone: '  ' }, ['email', 'phone'], 'Required'],
    ['an email that is not one', { email: 'binh at example' }, ['email'], 'InvalidFormat'],
    ['a phone that is not one', { phone: '12ab', email: null }, ['phone'], 'InvalidFormat'],
    ['a too short phone', { phone: '123', email: null }, ['phone'], 'InvalidFormat'],
    ['no name', { name: '   ' }, ['name'], 'Required'],
    ['a missing message', { message: undefined }, ['message'], 'Required'],
    ['a name over 200 characters', { name: 'A'.repeat(201) }, ['name'], 'TooLong'],
    ['a message over 5,000 characters', { message: 'ư'.repeat(5001) }, ['message'], 'TooLong'],
    ['an unknown language', { language: 'fr' }, ['language'], 'NotInVocabulary'],
    ['an unknown member', { budget: 5 }, ['budget'], 'UnknownProperty'],
    ['a line break in the name', { name: 'A\nB' }, ['name'], 'Invalid'],
    ['a NUL in the message', { message: 'a\u0000b' }, ['message'], 'Invalid'],
    [
      'a site that does not exist',
      { sites: [{ collection: 'industrial-clusters', id: 99 }] },
      ['sites'],
      'Invalid',
    ],
    [
      'a feature that is not a site',
      { sites: [{ collection: 'craft-villages', id: 1 }] },
      ['sites'],
      'Invalid',
    ],
    [
      'too many sites',
      { sites: Array.from({ length: 11 }, (_, id) => ({ collection: 'industrial-clusters', id })) },
      ['sites'],
      'OutOfRange',
    ],
  ])('answers 422 naming the field for %s, and stores nothing', async (_what, overrides, fields, code) => {
    const before = await inboxSize();
    const res = await send(valid(overrides));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body);
    expect(problem.code).toBe('ValidationFailed');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(problem.errors.every((e: { code: string }) => e.code === code)).toBe(true);
    expect(await inboxSize()).toBe(before);
  });

  it('answers 400 for a body that is not an object, 413 for one over 64 KiB, 415 for not JSON, 403 from another site', async () => {
    expect((await send([])).statusCode).toBe(400);
    const big = await send(valid({ message: 'x'.repeat(70_000) }));
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).code).toBe('PayloadTooLarge');
    expect((await send('name=x', { 'content-type': 'application/x-www-form-urlencoded' })).statusCode).toBe(
      415,
    );
    expect((await send(valid(), { origin: 'http://evil.example' })).statusCode).toBe(403);
  });
});

describe('the per-address limit', () => {
  appForBlock({ max: 3, windowMs: 3_600_000 });

  it('limits submissions per address (429 + Retry-After), counted in the store across app instances', async () => {
    for (let i = 0; i < 3; i += 1) expect((await send(valid())).statusCode).toBe(201);
    now += 10 * 60_000;
    const refused = await send(valid());
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(50 * 60));
    expect(JSON.parse(refused.body).code).toBe('TooManyRequests');
    // X-Forwarded-For is not believed without TRUST_PROXY: still the same address.
    expect((await send(valid(), { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);
    // A second app on the same database counts the same submissions.
    const other = await buildTestApp({
      dataDir: t.dataDir,
      clock: () => now,
      overrides: { inquiryLimit: { max: 3, windowMs: 3_600_000 } },
    });
    try {
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/inquiries',
        headers: writeHeaders(undefined),
        payload: JSON.stringify(valid()),
      });
      expect(res.statusCode).toBe(429);
    } finally {
      await other.close();
    }
    now += 51 * 60_000;
    expect((await send(valid())).statusCode).toBe(201);
  });
});

describe('the inbox (editor, admin)', () => {
  appForBlock();
  async function sent(n: number): Promise<string[]> {
    const refs: string[] = [];
    for (let i = 0; i < n; i += 1) {
      now += 1000;
      refs.push(JSON.parse((await send(valid({ name: `Investor ${i}` }))).body).reference);
    }
    return refs;
  }

  it('never shows an inquiry to anonymous visitors (401) or viewers (403)', async () => {
    const [ref] = await sent(1);
    for (const [url, method] of [
      ['/api/inquiries', 'GET'],
      [`/api/inquiries/${ref}`, 'GET'],
      [`/api/inquiries/${ref}`, 'PATCH'],
      ['/api/inquiries/LC-0000-0000-0000', 'GET'],
    ] as const) {
      const anonymous = await staff(
        method,
        url,
        undefined,
        method === 'PATCH' ? { status: 'closed' } : undefined,
      );
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      expect(anonymous.body).not.toContain('Trần');
      const viewer = await staff(
        method,
        url,
        who.viewer,
        method === 'PATCH' ? { status: 'closed' } : undefined,
      );
      expect(viewer.statusCode, `${method} ${url}`).toBe(403);
      expect(viewer.body).not.toContain('Trần');
    }
  });

  it('lists newest first, by status, paged with the numeric-parameter rules', async () => {
    const before = await inboxSize();
    const refs = await sent(3);
    const res = await staff('GET', '/api/inquiries?limit=2', who.editor);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = JSON.parse(res.body) as InquiryList;
    expect(page).toMatchObject({ numberMatched: before + 3, numberReturned: 2, limit: 2, offset: 0 });
    expect(page.inquiries.map((i) => i.reference)).toEqual([refs[2], refs[1]]);
    expect(page.inquiries[0]).toMatchObject({
      status: 'new',
      assignee: null,
      name: 'Investor 2',
      preview: valid().message,
    });
    expect(page.inquiries[0]).not.toHaveProperty('message');
    const next = JSON.parse(
      (await staff('GET', '/api/inquiries?limit=1&offset=2', who.admin)).body,
    ) as InquiryList;
    expect(next.inquiries.map((i) => i.reference)).toEqual([refs[0]]);
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'status=open', 'sort=name']) {
      const bad = await staff('GET', `/api/inquiries?${q}`, who.editor);
      expect(bad.statusCode, q).toBe(400);
      expect(JSON.parse(bad.body).code).toBe('InvalidParameterValue');
    }
    expect((await staff('GET', '/api/inquiries/LC-0000-0000-0000', who.editor)).statusCode).toBe(404);
  });

  it('takes, notes, answers and closes an inquiry, recording who and when', async () => {
    const [ref] = await sent(1);
    const url = `/api/inquiries/${ref}`;
    now += 60_000;
    const taken = await staff('PATCH', url, who.editor, { assignee: 'eddie' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(JSON.parse(taken.body)).toMatchObject({
      assignee: 'eddie',
      status: 'new',
      updatedAt: new Date(now).toISOString(),
    });
    now += 60_000;
    const answered = await staff('PATCH', url, who.editor, {
      status: 'answered',
      note: 'Đã gửi bảng giá qua email.',
    });
    expect(answered.statusCode).toBe(200);
    now += 60_000;
    expect((await staff('PATCH', url, who.admin, { status: 'closed', assignee: null })).statusCode).toBe(200);
    const detail = JSON.parse((await staff('GET', url, who.editor)).body) as InquiryDetail;
    expect(detail).toMatchObject({ status: 'closed', assignee: null });
    expect(detail.history.map((e) => [e.by, e.action, e.from, e.to, e.note])).toEqual([
      [null, 'created', null, null, null],
      ['eddie', 'assigned', null, 'eddie', null],
      ['eddie', 'status', 'new', 'answered', null],
      ['eddie', 'note', null, null, 'Đã gửi bảng giá qua email.'],
      ['ada', 'unassigned', 'eddie', null, null],
      ['ada', 'status', 'answered', 'closed', null],
    ]);
    expect(new Set(detail.history.map((e) => e.at)).size).toBe(4);
    const closed = JSON.parse(
      (await staff('GET', '/api/inquiries?status=closed', who.editor)).body,
    ) as InquiryList;
    expect(closed.inquiries.map((i) => i.reference)).toEqual([ref]);
  });

  it.each([
    ['someone else as assignee', { assignee: 'ada' }, 'assignee'],
    ['an unknown status', { status: 'open' }, 'status'],
    ['an empty note', { note: '  ' }, 'note'],
    ['nothing to change', {}, '(body)'],
    ['an unknown member', { priority: 1 }, 'priority'],
  ])('refuses %s with 422 naming the field and changes nothing', async (_what, body, field) => {
    const [ref] = await sent(1);
    const res = await staff('PATCH', `/api/inquiries/${ref}`, who.editor, body);
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.parse(res.body).errors.map((e: { field: string }) => e.field)).toEqual([field]);
    const detail = JSON.parse(
      (await staff('GET', `/api/inquiries/${ref}`, who.editor)).body,
    ) as InquiryDetail;
    expect(detail.history).toHaveLength(1);
  });

  it('answers 404 for a PATCH of an unknown reference and 403 for a PATCH from another site', async () => {
    expect(
      (await staff('PATCH', '/api/inquiries/LC-0000-0000-0000', who.editor, { status: 'closed' })).statusCode,
    ).toBe(404);
    const [ref] = await sent(1);
    const csrf = await t.app.inject({
      method: 'PATCH',
      url: `/api/inquiries/${ref}`,
      headers: { ...writeHeaders(who.editor), origin: 'http://evil.example' },
      payload: JSON.stringify({ status: 'closed' }),
    });
    expect(csrf.statusCode).toBe(403);
  });
});
