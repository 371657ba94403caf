import { readFileSync } from 'node:fs';
import { length, lineString } from '@turf/turf';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse, NearbyResponse } from '../../server/src/contract/api';
import { TEST_PASSWORD } from '../helpers/auth';
import { EditDriver } from './driver/edit.driver';
import { expectedDistance, InvestorDriver } from './driver/investor.driver';
import type { Viewport } from './driver/session';
import { pageSuite } from './driver/suite';

// Investors in the browser (issue 15): site card, radius search, shortlist, comparison, CSV,
// print page, inquiry to the staff inbox, measure tool by keyboard.
const CLUSTERS = 'industrial-clusters';
const HOSTILE = '<img src=x onerror=alert(1)>';
const DESKTOP: Viewport = { width: 1440, height: 900 };
const PHONE: Viewport = { width: 390, height: 844 };

const suite = pageSuite({ users: [{ username: 'edna', role: 'editor' }] });
let clusters: ApiFeature[];

beforeAll(async () => {
  clusters = (await suite.session().api<ItemsResponse>(`/collections/${CLUSTERS}/items?limit=100`)).features;
});

async function given(viewport: Viewport = DESKTOP, allowedErrors: RegExp[] = []): Promise<InvestorDriver> {
  return new InvestorDriver(await suite.given(viewport, { allowedErrors }));
}

function byName(prefix: string): ApiFeature {
  const f = clusters.find((c) => String(c.properties.name).startsWith(prefix));
  if (!f) throw new Error(`no cluster ${prefix}`);
  return f;
}

describe('site card', () => {
  it('shows every fact with its source and confidence, "not published" for the rest, and the API distances', async () => {
    const schema = await suite
      .session()
      .api<{ properties: Record<string, { 'x-fact'?: { source: string } }> }>(
        `/collections/${CLUSTERS}/schema`,
      );
    const facts = Object.entries(schema.properties).filter(([, d]) => d['x-fact']);
    expect(facts.length).toBeGreaterThan(10);
    const site = byName('KCN Tằng Loỏng');
    const inv = await given();
    await inv.openSite(CLUSTERS, site.id);
    for (const [key, def] of facts) {
      const value = site.properties[key];
      const known =
        value !== null &&
        value !== undefined &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0);
      const row = inv.fact(key);
      if (known) {
        expect(await row.getByTestId('fact-value').textContent()).not.toContain('chưa công bố');
        expect(await row.getByTestId('fact-provenance').textContent()).toContain(
          String(site.properties[def['x-fact']!.source]),
        );
      } else {
        expect(await row.getByTestId('fact-value').textContent()).toBe('chưa công bố');
        expect(await row.getByTestId('fact-provenance').count()).toBe(0);
      }
    }
    // The total area is published for this zone (914 ha), the available area is not.
    expect(await inv.fact('area_ha').getByTestId('fact-value').textContent()).toContain('914 ha');
    expect(await inv.fact('area_available_ha').getByTestId('fact-value').textContent()).toBe('chưa công bố');
    // Distances: the API's figures, written with both ends' precision.
    const item = await suite.session().api<ApiFeature>(`/collections/${CLUSTERS}/items/${site.id}`);
    expect(item.site?.distances.length).toBe(6);
    for (const d of item.site!.distances) {
      expect(d.approximate).toBe(true);
      expect(await inv.distance(d.key).textContent()).toBe(expectedDistance(d, 'vi'));
    }
    expect(await inv.page.getByTestId('straight-line-note').textContent()).toContain('đường chim bay');
    await inv.screenshotBothLanguages('investor-card-desktop');
    await inv.app.switchLanguage('en');
    for (const d of item.site!.distances)
      expect(await inv.distance(d.key).textContent()).toBe(expectedDistance(d, 'en'));
    expect(await inv.fact('area_available_ha').getByTestId('fact-value').textContent()).toBe('not published');
  });

  it('fits a phone screen', async () => {
    const inv = await given(PHONE);
    await inv.openSite(CLUSTERS, byName('CCN Phố Ràng').id);
    await inv.card().scrollIntoViewIfNeeded();
    await inv.screenshotBothLanguages('investor-card-phone');
    const overflow = () => inv.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(await overflow()).toBe(false);
    await inv.page.getByTestId('shortlist-toggle').click();
    await inv.openTab('shortlist');
    await inv.screenshotBothLanguages('investor-shortlist-phone');
    await inv.openTab('nearby');
    await inv.page.getByTestId('nearby-landmark').selectOption({ index: 1 });
    await inv.page.getByTestId('nearby-result').first().waitFor();
    await inv.screenshotBothLanguages('investor-nearby-phone');
    expect(await overflow()).toBe(false);
    await inv.page.getByTestId('measure-open').click();
    await inv.page.getByTestId('measure-panel').waitFor();
    await inv.screenshotBothLanguages('investor-measure-phone');
    await inv.page.keyboard.press('Escape');
    await inv.openTab('details');
    await inv.page.getByTestId('site-inquire').click();
    await inv.page.getByTestId('inquiry-dialog').waitFor();
    await inv.screenshotBothLanguages('investor-inquiry-phone');
  });
});

describe('radius search', () => {
  it('lists what lies within 20 km of a landmark, as the API answers, and draws it', async () => {
    const landmarks = (await suite.session().api<ItemsResponse>('/collections/landmarks/items?limit=100'))
      .features;
    const gate = landmarks.find((l) => l.properties.site_role === 'road_border_gate')!;
    const api = await suite
      .session()
      .api<NearbyResponse>(`/nearby?landmark=${gate.id}&radius_km=20&limit=200`);
    expect(api.numberReturned).toBeGreaterThan(0);
    const inv = await given();
    await inv.app.open('#layers=districts,clusters,villages');
    await inv.openTab('nearby');
    await inv.page.getByTestId('nearby-landmark').selectOption(String(gate.id));
    await expect.poll(() => inv.page.getByTestId('nearby-result').count()).toBe(api.numberReturned);
    const first = inv.page.getByTestId('nearby-result').first();
    expect(await first.getByTestId('nearby-km').textContent()).toBe(expectedDistance(api.results[0]!, 'vi'));
    await expect.poll(() => inv.app.layerIds()).toContain('nearby-radius-line');
    await inv.app.waitForSettled();
    await inv.screenshotBothLanguages('investor-nearby-desktop');

    // From a clicked point: pick, click the map, the list answers for that point.
    await inv.page.getByTestId('nearby-pick').click();
    await inv.app.clickMapAt(103.97, 22.5);
    await inv.page.getByTestId('nearby-point').waitFor();
    await inv.page.getByTestId('nearby-radius').selectOption('50');
    await expect.poll(() => inv.page.getByTestId('nearby-summary').textContent()).toMatch(/trong 50 km/);
  });
});

describe('shortlist and comparison', () => {
  it('keeps three sites over a reload, opens the comparison from a shared link, exports CSV, prints', async () => {
    const picks = [byName('KCN Tằng Loỏng'), byName('KCN Bắc Duyên Hải'), byName('CCN Bát Xát')];
    const inv = await given();
    for (const p of picks) {
      await inv.openSite(CLUSTERS, p.id);
      await inv.page.getByTestId('shortlist-toggle').click();
    }
    await inv.app.reload();
    await inv.openTab('shortlist');
    await expect.poll(() => inv.page.getByTestId('shortlist-item').count()).toBe(3);
    expect(await inv.page.getByTestId('shortlist-items').textContent()).toContain('KCN Bắc Duyên Hải');
    await inv.screenshotBothLanguages('investor-shortlist-desktop');
    const share = await inv.page.getByTestId('shortlist-share-url').inputValue();
    expect(share).toContain(`shortlist=${CLUSTERS}/${picks[0]!.id}`);

    // A new browser context (no local storage) opens the link: the comparison of the three.
    const other = await given();
    await other.page.goto(share.replace('?', '?test&').replace('lang=en', 'lang=vi'));
    await other.app.waitForMap();
    const dialog = other.page.getByTestId('compare-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => other.page.getByTestId('compare-site').allTextContents())
      .toEqual(picks.map((p) => p.properties.name));
    // Best total area marked (914 ha), unknowns shown as unknown.
    const areaRow = other.page.getByTestId('compare-row-area_ha');
    expect(await areaRow.locator('td[data-best]').textContent()).toContain('914');
    expect(await areaRow.locator('td').nth(2).textContent()).toContain('chưa rõ');
    // Shortest distance to the border gate marked, as the API's figures say.
    const kms = await Promise.all(
      picks.map(
        async (p) =>
          (await suite.session().api<ApiFeature>(`/collections/${CLUSTERS}/items/${p.id}`)).site!
            .distances[0]!,
      ),
    );
    const best = Math.min(...kms.map((d) => d.km!));
    const bestIdx = kms.findIndex((d) => d.km === best);
    const gateRow = other.page.getByTestId(`compare-row-distance.${kms[0]!.key}`);
    expect(await gateRow.locator('td').nth(bestIdx).getAttribute('data-best')).toBe('true');
    await other.screenshotBothLanguages('investor-compare-desktop');

    // CSV: UTF-8 with BOM, Vietnamese names intact.
    const [download] = await Promise.all([
      other.page.waitForEvent('download'),
      other.page.getByTestId('compare-csv').click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('KCN Tằng Loỏng');
    expect(csv).toContain('Tổng diện tích');

    // The print page, rendered to an A4 PDF by Chromium.
    await other.page.getByTestId('compare-close').click();
    await other.openTab('shortlist');
    await other.page.getByTestId('shortlist-print').click();
    await other.page.getByTestId('print-view').waitFor();
    await expect.poll(() => other.page.getByTestId('compare-site').count()).toBe(3);
    await other.page.locator('.print-map img').waitFor();
    await other.app.screenshot('investor-print-desktop.png');
    const text = await other.page.evaluate(() => {
      document.body.classList.add('printing');
      return document.querySelector('.print-page')?.textContent ?? '';
    });
    expect(text).toContain('KCN Tằng Loỏng');
    expect(text).toContain('Ngày in');
    const pdf = await other.page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { totalPages, text: pdfText } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(totalPages).toBeGreaterThanOrEqual(1);
    const flat = pdfText.replace(/\s+/g, ' ');
    for (const p of picks) expect(flat).toContain(String(p.properties.name));
    for (const words of ['Ngày in', 'Chú giải', 'Nguồn', 'Tổng diện tích', 'đường chim bay', 'chưa rõ'])
      expect(flat).toContain(words);
    // A4 portrait: 595 × 842 pt (Chromium rounds to whole CSS px).
    const [, , w, h] = (await (await getDocumentProxy(new Uint8Array(pdf))).getPage(1)).view;
    expect(Math.abs(w! - 595.3)).toBeLessThan(2);
    expect(Math.abs(h! - 841.9)).toBeLessThan(2);
    // The app behind the print page is not on paper: only the print root is displayed in print media.
    await other.page.emulateMedia({ media: 'print' });
    const shown = await other.page.evaluate(() =>
      [...document.body.children]
        .filter((c) => getComputedStyle(c).display !== 'none')
        .map((c) => c.className),
    );
    expect(shown).toEqual(['print-root']);
  });
});

describe('inquiry', () => {
  it('problems per field, a reference for the sender, and the staff inbox (assign, note, status), text only', async () => {
    const site = byName('KCN Tằng Loỏng');
    const inv = await given(DESKTOP, [/status of 422/]);
    let alerted = false;
    inv.page.on('dialog', (d) => {
      alerted = true;
      void d.dismiss();
    });
    await inv.openSite(CLUSTERS, site.id);
    await inv.page.getByTestId('site-inquire').click();
    const dialog = inv.page.getByTestId('inquiry-dialog');
    await dialog.waitFor();
    await inv.page.getByTestId('inquiry-send').click();
    await expect.poll(() => inv.page.getByTestId('inquiry-error-name').textContent()).toBe('Bắt buộc nhập.');
    expect(await inv.page.getByTestId('inquiry-error-email').textContent()).toBe(
      'Cần email hoặc điện thoại.',
    );
    expect(await inv.page.getByTestId('inquiry-error-message').textContent()).toBe('Bắt buộc nhập.');
    await inv.screenshotBothLanguages('investor-inquiry-errors');
    await inv.page.fill('#inquiry-name', HOSTILE);
    await inv.page.fill('#inquiry-email', 'not-an-email');
    await inv.page.fill('#inquiry-message', `Xin thông tin đất trống.\n${HOSTILE}`);
    await inv.page.getByTestId('inquiry-send').click();
    await expect
      .poll(() => inv.page.getByTestId('inquiry-error-email').textContent())
      .toBe('Không đúng định dạng.');
    await inv.page.fill('#inquiry-email', 'investor@example.com');
    await inv.page.getByTestId('inquiry-send').click();
    const reference = (await inv.page.getByTestId('inquiry-reference').textContent()) ?? '';
    expect(reference).toMatch(/^LC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await inv.screenshotBothLanguages('investor-inquiry-sent');

    // Anonymous: no inbox tab, and the API refuses.
    expect(await inv.page.getByTestId('tab-inbox').count()).toBe(0);
    expect((await fetch(`${suite.session().baseUrl}/api/inquiries`)).status).toBe(401);

    const staff = await given(DESKTOP);
    await staff.app.open('');
    await new EditDriver(staff.app).loginAs('edna', TEST_PASSWORD);
    await staff.openTab('inbox');
    const item = staff.page.locator(`[data-testid="inbox-item"][data-reference="${reference}"]`);
    await item.waitFor();
    await item.getByRole('button').click();
    await staff.page.getByTestId('inbox-detail').waitFor();
    expect(await staff.page.getByTestId('inbox-detail-message').textContent()).toContain(HOSTILE);
    expect(await staff.page.getByTestId('inbox-detail-contact').textContent()).toContain(HOSTILE);
    expect(await staff.page.getByTestId('inbox-detail-sites').textContent()).toBe('KCN Tằng Loỏng');
    expect(await staff.page.locator('.inbox-message img, [data-testid="inbox-detail"] img').count()).toBe(0);
    await staff.page.getByTestId('inbox-assign').click();
    await expect.poll(() => staff.page.getByTestId('inbox-detail-assignee').textContent()).toBe('edna');
    await staff.page.getByTestId('inbox-note').fill('Gọi lại thứ Hai');
    await staff.page.getByTestId('inbox-add-note').click();
    await staff.page.getByTestId('inbox-set-status').selectOption('answered');
    await expect.poll(() => staff.page.getByTestId('inbox-detail-status').textContent()).toBe('Đã trả lời');
    const history = await staff.page.getByTestId('inbox-history').locator('li').allTextContents();
    expect(history).toHaveLength(4);
    expect(history[1]).toContain('edna: nhận');
    expect(history[2]).toContain('Gọi lại thứ Hai');
    expect(history[3]).toContain('Mới → Đã trả lời');
    await staff.screenshotBothLanguages('investor-inbox');
    expect(alerted).toBe(false);
  });

  it('says when an address sent too many (429)', async () => {
    const inv = await given(DESKTOP, [/status of 429/]);
    await inv.openSite(CLUSTERS, byName('CCN Bát Xát').id);
    // Fill the hour's allowance of this address (the previous test sent one).
    const statuses = await inv.page.evaluate(async () => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await fetch('/api/inquiries', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'A', email: 'a@example.com', language: 'vi', message: 'Xin chào' }),
        });
        out.push(r.status);
      }
      return out;
    });
    expect(statuses).toContain(429);
    await inv.page.getByTestId('site-inquire').click();
    await inv.page.fill('#inquiry-name', 'Nguyễn Văn A');
    await inv.page.fill('#inquiry-phone', '+84 912 345 678');
    await inv.page.fill('#inquiry-message', 'Xin thông tin.');
    await inv.page.getByTestId('inquiry-send').click();
    await expect
      .poll(() => inv.page.getByTestId('inquiry-problem').textContent())
      .toMatch(/quá nhiều yêu cầu.*\d+ phút/);
  });
});

describe('measure tool', () => {
  it('measures distance and area with the keyboard only', async () => {
    const inv = await given();
    await inv.app.open('#map=11/22.45/104.0&layers=districts');
    await inv.page.getByTestId('measure-open').focus();
    await inv.page.keyboard.press('Enter');
    await inv.page.getByTestId('measure-panel').waitFor();
    expect(await inv.app.focusedTestId()).toBe('measure-add');
    const centres: [number, number][] = [];
    const addHere = async () => {
      const v = await inv.app.view();
      centres.push([v.lon, v.lat]);
      await inv.page.keyboard.press('Enter');
    };
    await addHere();
    for (let i = 0; i < 3; i++) await inv.page.keyboard.press('ArrowRight');
    await addHere();
    for (let i = 0; i < 3; i++) await inv.page.keyboard.press('ArrowDown');
    await addHere();
    await expect.poll(() => inv.page.getByTestId('measure-count').textContent()).toBe('Số điểm: 3');
    const km = length(lineString(centres), { units: 'kilometers' });
    const expected = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(km);
    expect(await inv.page.getByTestId('measure-length').textContent()).toBe(`Chiều dài: ${expected} km`);
    expect(await inv.page.getByTestId('measure-area').textContent()).toMatch(
      /^Diện tích \(vùng khép kín\): [\d.,]+ (ha|km²)/,
    );
    await expect.poll(() => inv.app.layerIds()).toContain('measure-line');
    await inv.screenshotBothLanguages('investor-measure-desktop');
    await inv.page.keyboard.press('Backspace');
    await expect.poll(() => inv.page.getByTestId('measure-count').textContent()).toBe('Số điểm: 2');
    await inv.page.keyboard.press('Escape');
    await expect.poll(() => inv.page.getByTestId('measure-panel').count()).toBe(0);
    await expect.poll(() => inv.app.layerIds()).not.toContain('measure-line');
  });
});
