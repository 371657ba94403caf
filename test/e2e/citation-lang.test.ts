import { describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import { pageSuite } from './driver/suite';

// Issue 8: the Vietnamese UI shows no English-only text without saying "(tiếng Anh)", citations
// included; the note follows each record's source_lang (a citation of web addresses only has none).
const suite = pageSuite();
const given = suite.given;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function feature(collection: string, id: number): Promise<ApiFeature> {
  const all = await suite.session().api<ItemsResponse>(`/collections/${collection}/items?limit=1000`);
  const f = all.features.find((x) => x.id === id);
  if (!f) throw new Error(`no ${collection}/${id}`);
  return f;
}

describe('citations say their language', () => {
  it('details: an English citation is marked "(tiếng Anh)" in Vietnamese, not in English; web addresses are not', async () => {
    const english = await feature('facilities', 1);
    const urls = await feature('craft-villages', 3);
    expect([english.properties.source_lang, urls.properties.source_lang]).toEqual(['en', 'zxx']);
    for (const [viewport, size] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const app = await given(viewport);
      await app.open('#sel=facilities/1');
      const provenance = app.page.getByTestId('details-provenance');
      await expect
        .poll(() => provenance.getByTestId('citation').first().textContent())
        .toBe(english.properties.source);
      expect(await provenance.getByTestId('lang-note').allTextContents()).toContain(' (tiếng Anh)');
      await app.screenshot(`citation-lang-details-vi-${size}.png`);
      await app.open('#sel=craft-villages/3');
      await expect
        .poll(() => provenance.getByTestId('citation').first().textContent())
        .toBe(urls.properties.source);
      // Its notes are English (x-text-lang) and say so; its URL-only citation says nothing.
      expect(await provenance.locator('[data-testid="citation"] + [data-testid="lang-note"]').count()).toBe(
        0,
      );
      expect(await app.page.getByTestId('details-props').getByTestId('lang-note').count()).toBeGreaterThan(0);
      await app.switchLanguage('en');
      await app.open('#sel=facilities/1&lang=en');
      await expect
        .poll(() => provenance.getByTestId('citation').first().textContent())
        .toBe(english.properties.source);
      expect(await app.page.getByTestId('details-panel').getByTestId('lang-note').count()).toBe(0);
      await app.screenshot(`citation-lang-details-en-${size}.png`);
    }
  });

  it('site card: each English fact and fact source is marked, in Vietnamese only', async () => {
    const app = await given(DESKTOP);
    await app.open('#sel=industrial-clusters/1');
    const fact = app.page.getByTestId('fact-power_supply');
    await fact.waitFor();
    expect(await fact.getByTestId('fact-value').getByTestId('lang-note').textContent()).toBe(' (tiếng Anh)');
    expect(await fact.getByTestId('fact-provenance').getByTestId('lang-note').textContent()).toBe(
      ' (tiếng Anh)',
    );
    await fact.scrollIntoViewIfNeeded();
    await app.screenshot('citation-lang-sitecard-vi.png');
    await app.switchLanguage('en');
    await expect.poll(() => app.page.getByTestId('site-facts').getByTestId('lang-note').count()).toBe(0);
    await app.screenshot('citation-lang-sitecard-en.png');
  });

  it('district profile and chart: each indicator source carries its own language', async () => {
    for (const [viewport, size] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const app = await given(viewport);
      await app.open('#profile=083');
      const sources = app.page.getByTestId('profile-sources').locator('li');
      await expect.poll(() => sources.count()).toBeGreaterThan(2);
      const notes = await sources.evaluateAll((els) =>
        els.map((e) => e.querySelector('[data-testid="lang-note"]')?.getAttribute('data-text-lang') ?? null),
      );
      // Every shipped indicator source is English words (the API says so); each is marked.
      expect(notes.every((n) => n === 'en')).toBe(true);
      await sources.first().scrollIntoViewIfNeeded();
      await app.screenshot(`citation-lang-profile-vi-${size}.png`);
      await app.open('#profile=083&lang=en');
      await expect
        .poll(() => app.page.getByTestId('profile-sources').getByTestId('lang-note').count())
        .toBe(0);
      await app.screenshot(`citation-lang-profile-en-${size}.png`);
    }
    const app = await given(DESKTOP);
    await app.open('#ind=establishments');
    await app.openTab('charts');
    const province = app.page.getByTestId('chart-province');
    await expect.poll(() => province.getByTestId('lang-note').textContent()).toBe(' (tiếng Anh)');
    await app.screenshot('citation-lang-chart-vi.png');
    // The print layout's source list: each English source with its note, as plain text.
    await app.page.getByTestId('print-open').click();
    const printed = app.page.getByTestId('print-sources');
    await expect.poll(() => printed.textContent()).toMatch(/\(tiếng Anh\)/);
    const parts = String(await printed.textContent())
      .split(': ')
      .slice(1)
      .join(': ')
      .split(' · ');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((s) => s.endsWith(' (tiếng Anh)'))).toBe(true);
    await app.screenshot('citation-lang-print-vi.png');
  });
});
