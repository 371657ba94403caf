import type { Locator, Page } from 'playwright-core';
import type { MapAppDriver } from './app.driver';
import { EditDriver } from './edit.driver';

/** A file as the browser's file chooser hands it over. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Given / when / then steps of the Import tab (issue 14) on top of the map and staff drivers:
 * open the tab, choose a layer and a file, read the preview, change a mapping, the encoding,
 * leave rows out, commit, undo from the history, import indicators. Everything by data-testid.
 */
export class ImportDriver {
  readonly page: Page;
  readonly staff: EditDriver;

  constructor(readonly app: MapAppDriver) {
    this.page = app.page;
    this.staff = new EditDriver(app);
  }

  // ---- given
  /** Signs in, enters edit mode and opens the Import tab (its chunk loaded). */
  async openAs(username: string, password: string): Promise<void> {
    await this.staff.loginAs(username, password);
    await this.page.getByTestId('staff-edit-toggle').click();
    await this.page.getByTestId('tab-import').click();
    await this.page.getByTestId('import-panel').waitFor();
  }

  async section(id: 'features' | 'indicators' | 'history' | 'export'): Promise<void> {
    await this.page.getByTestId(`import-section-${id}`).click();
  }

  // ---- when
  /** Chooses the layer and the file; waits for the preview (or a refusal). */
  async importFile(collection: string, file: UploadFile): Promise<void> {
    await this.page.getByTestId('import-collection').selectOption(collection);
    await this.page.getByTestId('import-file').setInputFiles(file);
    await this.page.locator('[data-testid="import-summary"], [data-testid="import-error"]').first().waitFor();
  }

  /** Maps a column to a field (or a location role) and waits for the preview read again. */
  async mapColumn(column: string, target: string): Promise<void> {
    const select = this.page.locator(`[data-testid="import-mapping-row"][data-column="${column}"] select`);
    if (!(await select.isVisible())) await this.page.locator('.import-panel details > summary').click();
    await select.selectOption(target);
    await this.page.waitForFunction(
      ([c, t]) =>
        (
          document.querySelector(
            `[data-testid="import-mapping-row"][data-column="${c}"] select`,
          ) as HTMLSelectElement | null
        )?.value === t && !document.querySelector('[data-testid="import-mapping-select"]:disabled'),
      [column, target] as const,
    );
  }

  async excludeRow(row: number): Promise<void> {
    await this.page
      .locator(`[data-testid="import-row"][data-row="${row}"] [data-testid="import-exclude"]`)
      .check();
  }

  async commit(): Promise<void> {
    await this.page.getByTestId('import-commit').click();
    await this.page.getByTestId('import-done').waitFor();
  }

  /** Undo a batch from the import history (with the confirmation). */
  async revertBatch(id: number): Promise<void> {
    await this.section('history');
    const item = this.page.locator(`[data-testid="batch"][data-batch="${id}"]`);
    await item.getByTestId('batch-revert').click();
    await item.getByTestId('batch-revert-yes').click();
  }

  // ---- then
  summary(key: 'read' | 'valid' | 'invalid' | 'new' | 'duplicates' | 'approximate'): Locator {
    return this.page.getByTestId(`import-summary-${key}`).locator('dd');
  }

  problems(): Locator {
    return this.page.getByTestId('import-problem');
  }

  duplicates(): Locator {
    return this.page.getByTestId('import-duplicate');
  }

  /** The rows of the preview layer drawn on the map now (row numbers). */
  async previewRowsDrawn(): Promise<number[]> {
    const drawn = await this.page.evaluate(() => window.__mapProbe!.renderedFeatures());
    return [...new Set(drawn.filter((f) => f.source === 'import-preview').map((f) => Number(f.id)))].sort(
      (a, b) => a - b,
    );
  }

  /** Ids of a collection's features drawn on the map now. */
  async featuresDrawn(source: string): Promise<number[]> {
    const drawn = await this.page.evaluate(() => window.__mapProbe!.renderedFeatures());
    return [...new Set(drawn.filter((f) => f.source === source).map((f) => Number(f.id)))];
  }
}
