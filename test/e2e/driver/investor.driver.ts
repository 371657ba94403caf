import type { Locator, Page } from 'playwright-core';
import { formatNumber, type Lang } from '../../../client/src/lib/format';
import type { SiteDistance } from '../../../server/src/contract/api';
import type { MapAppDriver } from './app.driver';

/** How the UI must write an API distance (the test's own statement of the rule, not the client's code). */
export function expectedDistance(
  d: Pick<SiteDistance, 'km' | 'uncertaintyKm' | 'approximate'>,
  lang: Lang,
): string {
  if (d.km === null) return lang === 'vi' ? 'không có mốc phù hợp' : 'no matching landmark';
  const km = `${formatNumber(d.km, lang, 1)} km`;
  if (!d.approximate && !d.uncertaintyKm) return km;
  const pm =
    d.uncertaintyKm === null
      ? lang === 'vi'
        ? '± chưa rõ'
        : '± unknown'
      : `± ${formatNumber(d.uncertaintyKm, lang, 1)} km`;
  return d.approximate ? `≈ ${km} ${pm}` : `${km} ${pm}`;
}

/** Steps on the investor tools (issue 15): site card, nearby, shortlist, compare, inquiry, inbox, measure. */
export class InvestorDriver {
  readonly page: Page;
  constructor(readonly app: MapAppDriver) {
    this.page = app.page;
  }

  async openSite(collection: string, id: number): Promise<void> {
    await this.app.open(`#sel=${collection}/${id}&layers=districts,clusters`);
    await this.page.getByTestId('site-card').waitFor();
    await this.page.getByTestId('site-distances').waitFor();
  }

  card(): Locator {
    return this.page.getByTestId('site-card');
  }

  fact(key: string): Locator {
    return this.page.getByTestId(`fact-${key}`);
  }

  distance(key: string): Locator {
    return this.page.getByTestId(`distance-${key}`).getByTestId('distance-value');
  }

  async openTab(id: 'nearby' | 'shortlist' | 'inbox' | 'details'): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
  }

  async screenshotBothLanguages(name: string): Promise<void> {
    for (const lang of ['vi', 'en'] as const) {
      await this.page.evaluate((l) => {
        (document.querySelector(`[data-testid="lang-${l}"]`) as HTMLButtonElement | null)?.click();
      }, lang);
      await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await this.page.waitForTimeout(200);
      await this.app.screenshot(`${name}-${lang}.png`);
    }
    await this.page.evaluate(() =>
      (document.querySelector('[data-testid="lang-vi"]') as HTMLButtonElement | null)?.click(),
    );
    await this.page.waitForFunction(() => document.documentElement.lang === 'vi');
  }
}
