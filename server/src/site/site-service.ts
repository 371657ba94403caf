import { createHash } from 'node:crypto';
import type { Catalog, CollectionDef } from '../catalog/catalog';
import type { ApiFeature } from '../contract/api';
import type { Site, SiteConfig } from '../contract/site';
import type { FeatureStore } from '../store/feature-store';
import { locate } from './distances';
import {
  buildSite,
  type CandidatesByMeasure,
  featureRef,
  type LandmarkCandidate,
  type Measurable,
  textOf,
} from './site-object';

declare module 'fastify' {
  interface FastifyInstance {
    /** The computed `site` member of features (routes/items.ts). */
    sites: SiteService;
  }
}

/** Most landmarks read per measure (a landmarks collection is small; this only bounds the work). */
export const MAX_LANDMARKS_PER_MEASURE = 1000;

/**
 * The `site` member of the features of collections whose catalog entry has a `site` hint
 * (issue 15). The landmarks of each measure are read through the store's filters once per data
 * revision (a landmark edit moves the revision), so a page costs one revision lookup plus
 * arithmetic per feature.
 */
export class SiteService {
  #memo: { revision: number; byCollection: Map<string, Promise<CandidatesByMeasure>> } | undefined;

  constructor(
    private readonly store: FeatureStore,
    private readonly catalog: Catalog,
  ) {}

  /** The site of one feature, or undefined when its collection has no `site` hint. */
  async forFeature(collection: CollectionDef, feature: Measurable): Promise<Site | undefined> {
    if (!collection.site) return undefined;
    return buildSite(feature, collection.site, await this.#candidates(collection.site));
  }

  /**
   * A page of GeoJSON Feature texts (the store's items fast path, joined by commas) with `site`
   * added to each feature; returned as given (not parsed) for a collection without a `site` hint.
   */
  async addToPage(collection: CollectionDef, featuresJson: string): Promise<string> {
    const config = collection.site;
    if (!config || featuresJson === '') return featuresJson;
    const candidates = await this.#candidates(config);
    const features = JSON.parse(`[${featuresJson}]`) as ApiFeature[];
    return features.map((f) => JSON.stringify({ ...f, site: buildSite(f, config, candidates) })).join(',');
  }

  /** The landmarks of every measure of a config, at the store's current revision. */
  #candidates(config: SiteConfig): Promise<CandidatesByMeasure> {
    return this.store.revision().then((revision) => {
      if (this.#memo?.revision !== revision) this.#memo = { revision, byCollection: new Map() };
      const key = JSON.stringify(config);
      let found = this.#memo.byCollection.get(key);
      if (!found) {
        found = this.#load(config);
        this.#memo.byCollection.set(key, found);
        found.catch(() => this.#memo?.byCollection.delete(key));
      }
      return found;
    });
  }

  async #load(config: SiteConfig): Promise<CandidatesByMeasure> {
    const landmarks = this.catalog.collection(config.landmarks);
    const label = landmarks?.label ?? 'name';
    const out = new Map<string, LandmarkCandidate[]>();
    for (const m of config.measures) {
      const filters = Object.entries(m.where).map(([property, value]) => ({ property, value }));
      const page = await this.store.queryFeatures(config.landmarks, {
        filters,
        limit: MAX_LANDMARKS_PER_MEASURE,
        offset: 0,
      });
      out.set(
        m.key,
        page.features.map((f) => ({
          ref: featureRef(config.landmarks, f.id, f.properties, label),
          located: locate(f.geometry, f.properties),
          districtCode: textOf(f.properties, 'district_code'),
        })),
      );
    }
    return out;
  }
}

/** A short tag of a site's content, for the ETag of a feature answer that carries it (`"v3-<tag>"`). */
export function siteTag(site: Site): string {
  return createHash('sha1').update(JSON.stringify(site)).digest('base64url').slice(0, 12);
}
