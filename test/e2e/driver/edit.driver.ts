import type { Locator, Page } from 'playwright-core';
import type { MapAppDriver } from './app.driver';

export type LonLat = [number, number];

/**
 * Given / when / then steps of staff editing (issue 5) on top of the map driver: the staff
 * login, edit mode, drawing with terra-draw through real mouse clicks, the attribute form,
 * saving, the conflict dialog and the history panel. Everything goes through data-testids.
 */
export class EditDriver {
  readonly page: Page;

  constructor(readonly app: MapAppDriver) {
    this.page = app.page;
  }

  // ---- given
  async loginAs(username: string, password: string): Promise<void> {
    await this.page.getByTestId('staff-login').click();
    await this.submitLogin(username, password);
  }

  /** Fills and submits the open login dialog, and waits until the user is signed in. */
  async submitLogin(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await this.page.getByTestId('staff-user').waitFor();
  }

  /** Switches edit mode on and waits until the editor knows which layers this user may edit. */
  async enterEditMode(): Promise<void> {
    await this.page.getByTestId('staff-edit-toggle').click();
    await this.page.getByTestId('editor-collection').waitFor();
  }

  // ---- when
  /** The server forgets this page's session (as when it expires): logout with the page's cookie. */
  async endSessionOnServer(baseUrl: string): Promise<void> {
    const cookies = await this.page.context().cookies(baseUrl);
    const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: header, origin: new URL(baseUrl).origin, 'content-type': 'application/json' },
      body: '{}',
    });
    if (res.status !== 204) throw new Error(`logout → ${res.status}`);
  }

  async chooseCollection(id: string): Promise<void> {
    await this.page.getByTestId('editor-collection').selectOption(id);
  }

  /** "New polygon", then a click on each vertex and one on the first vertex to close the ring. */
  async drawPolygon(vertices: LonLat[]): Promise<void> {
    await this.page.getByTestId('editor-new-polygon').click();
    for (const [lon, lat] of [...vertices, vertices[0]!]) {
      const p = await this.app.project(lon, lat);
      await this.page.mouse.click(p.x, p.y);
      // terra-draw reads pointer events; distinct clicks, not a double click.
      await this.page.waitForTimeout(150);
    }
  }

  /** Clicks a feature on the map (in edit mode this picks it for editing). */
  async pickOnMap(lon: number, lat: number): Promise<void> {
    await this.app.clickMapAt(lon, lat);
  }

  /** Types into a text/number field or chooses an option of a select, like a user. */
  async fill(field: string, value: string): Promise<void> {
    const input = this.field(field);
    const tag = await input.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') await input.selectOption(value);
    else await input.fill(value);
  }

  async fillAll(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.fill(name, value);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('editor-save').click();
  }

  async openHistory(): Promise<void> {
    await this.page.getByTestId('editor-history').click();
    await this.page.getByTestId('history-panel').waitFor();
  }

  async reapplyMine(): Promise<void> {
    await this.page.getByTestId('conflict-reapply').click();
  }

  /** "Keep editing" in the open "Discard unsaved changes?" dialog. */
  async keepDraft(): Promise<void> {
    await this.discardDialog().getByTestId('discard-keep').click();
    await this.discardDialog().waitFor({ state: 'detached' });
  }

  /** "Discard changes" in the open "Discard unsaved changes?" dialog, from the keyboard. */
  async discardDraftWithKeyboard(): Promise<void> {
    // The dialog opens with the focus on "Keep editing"; Tab moves it to "Discard changes".
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Enter');
    await this.discardDialog().waitFor({ state: 'detached' });
  }

  /** Dispatches a cancelable `beforeunload`: true when the page would warn before leaving. */
  wouldWarnOnUnload(): Promise<boolean> {
    return this.page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('staff-logout').click();
    await this.page.getByTestId('staff-login').waitFor();
  }

  // ---- then
  field(name: string): Locator {
    return this.page.getByTestId(`field-${name}`);
  }

  fieldError(name: string): Locator {
    return this.page.getByTestId(`field-error-${name}`);
  }

  notice(): Locator {
    return this.page.getByTestId('editor-notice');
  }

  target(): Locator {
    return this.page.getByTestId('editor-target');
  }

  /**
   * What is wrong with the top bar's layout now: the title cut (ellipsis), or a control or the
   * title outside the viewport or overlapping another. Empty when everything shows whole.
   */
  topBarProblems(): Promise<string[]> {
    return this.page.evaluate(() => {
      const problems: string[] = [];
      const title = document.querySelector<HTMLElement>('.app-title');
      if (!title) return ['no title'];
      if (title.scrollWidth > title.clientWidth + 1) problems.push(`title cut: ${title.textContent}`);
      const parts = [title, ...document.querySelectorAll<HTMLElement>('.topbar button, .topbar input')];
      const boxes = parts.filter((el) => el.offsetParent !== null).map((el) => el.getBoundingClientRect());
      boxes.forEach((r, i) => {
        if (r.left < 0 || r.right > window.innerWidth + 0.5)
          problems.push(`outside: ${parts[i]?.textContent}`);
        boxes.slice(i + 1).forEach((o, j) => {
          const overlap =
            r.left < o.right - 0.5 &&
            o.left < r.right - 0.5 &&
            r.top < o.bottom - 0.5 &&
            o.top < r.bottom - 0.5;
          if (overlap) problems.push(`overlap: ${parts[i]?.textContent} / ${parts[i + j + 1]?.textContent}`);
        });
      });
      return problems;
    });
  }

  discardDialog(): Locator {
    return this.page.getByTestId('discard-dialog');
  }

  /** The test id of the focused element (or null). */
  focusedTestId(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  }

  conflictDialog(): Locator {
    return this.page.getByTestId('conflict-dialog');
  }

  historyPanel(): Locator {
    return this.page.getByTestId('history-panel');
  }

  /** terra-draw's own layers on the map now (prefix `td-`). */
  async drawLayerIds(): Promise<string[]> {
    const ids = await this.page.evaluate(() => window.__mapProbe!.layerIds());
    return ids.filter((id) => id.startsWith('td-'));
  }

  /**
   * Screenshots in Vietnamese and English (`<name>-vi.png`, `<name>-en.png`), back to Vietnamese.
   * The language buttons are clicked from script because an open modal dialog makes the rest of
   * the page inert to the pointer; the language is the only thing changed.
   */
  async screenshotBothLanguages(name: string): Promise<void> {
    for (const lang of ['vi', 'en'] as const) {
      await this.switchLanguageFromScript(lang);
      await this.app.screenshot(`${name}-${lang}.png`);
    }
    await this.switchLanguageFromScript('vi');
  }

  private async switchLanguageFromScript(lang: 'vi' | 'en'): Promise<void> {
    await this.page.evaluate((l) => {
      (document.querySelector(`[data-testid="lang-${l}"]`) as HTMLButtonElement | null)?.click();
    }, lang);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
}
