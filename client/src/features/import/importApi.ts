import type { BatchesResponse, BatchResponse } from '../../../../server/src/contract/batches';
import type {
  FeatureImportPreview,
  ImportCommitBody,
  ImportFeaturePage,
  ImportPatchBody,
  ImportPreview,
  IndicatorImportPreview,
} from '../../../../server/src/contract/imports';
import type { ApiClient } from '../../api/client';
import type { Lang } from '../../lib/format';

export type { BatchInfo } from '../../../../server/src/contract/batches';
export type { FeatureImportPreview, ImportFeaturePage, ImportPreview, IndicatorImportPreview };

const enc = encodeURIComponent;
/** The most rows drawn on the map as a preview (one page of the features endpoint). */
export const MAP_PREVIEW_LIMIT = 10_000;

/**
 * The import endpoints (server/README "Imports and batches") over the app's one ApiClient, so
 * failures are its ApiError (problem+json). `lang` asks for row messages in the UI language.
 */
export class ImportApi {
  constructor(private readonly api: ApiClient) {}

  /** Uploads a file as the body with its media type: 201 (preview) or 202 (parsing; poll `get`). */
  async upload(target: { collection: string } | 'indicators', file: File, mediaType: string, lang: Lang) {
    const base =
      target === 'indicators' ? '/indicators/imports' : `/collections/${enc(target.collection)}/imports`;
    const path = `${base}?filename=${enc(file.name)}&lang=${lang}`;
    const r = await this.api.send<ImportPreview>('POST', path, { raw: file, contentType: mediaType });
    return r.body;
  }

  async get(id: string, lang: Lang, signal?: AbortSignal): Promise<ImportPreview> {
    return (
      await this.api.send<ImportPreview>('GET', `/imports/${enc(id)}?lang=${lang}`, { signal, noStore: true })
    ).body;
  }

  async patch(id: string, body: ImportPatchBody, lang: Lang): Promise<ImportPreview> {
    return (await this.api.send<ImportPreview>('PATCH', `/imports/${enc(id)}?lang=${lang}`, { body })).body;
  }

  async features(id: string, signal?: AbortSignal): Promise<ImportFeaturePage> {
    const path = `/imports/${enc(id)}/features?limit=${MAP_PREVIEW_LIMIT}`;
    return (await this.api.send<ImportFeaturePage>('GET', path, { signal, noStore: true })).body;
  }

  async commit(id: string, body: ImportCommitBody): Promise<BatchResponse> {
    return (await this.api.send<BatchResponse>('POST', `/imports/${enc(id)}/commit`, { body })).body;
  }

  async discard(id: string): Promise<void> {
    await this.api.send('DELETE', `/imports/${enc(id)}`);
  }

  async batches(signal?: AbortSignal): Promise<BatchesResponse> {
    return (await this.api.send<BatchesResponse>('GET', '/batches', { signal, noStore: true })).body;
  }

  async revert(batchId: number): Promise<BatchResponse> {
    return (await this.api.send<BatchResponse>('POST', `/batches/${batchId}/revert`, { body: {} })).body;
  }
}

export type FeaturePreview = FeatureImportPreview;
export type IndicatorPreview = IndicatorImportPreview;
