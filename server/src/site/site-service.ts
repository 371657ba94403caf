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

/** Most sites remembered per revision (a page of a larger collection recomputes the rest). */
const MAX_REMEMBERED_SITES = 20_000;

interface Memo {
  revision: number;
  candidates: Map<string, Promise<CandidatesByMeasure>>;
  /** `collection/id:` + what the site depends on → the site as JSON text. */
  sites: Map<string, string>;
}

/**
 * The `site` member of the features of collections whose catalog entry has a `site` hint
 * (issue 15). Per data revision (any edit, a landmark's included, moves it) the landmarks of each
 * measure are read once through the store's filters and each feature's site is computed once,
 * so a page costs one revision lookup, a parse and a lookup per feature.
 */
export class SiteService {
  #memo: Memo | undefined;

  constructor(
    private readonly store: FeatureStore,
    private readonly catalog: Catalog,
  ) {}

  /** The site of one feature, or undefined when its collection has no `site` hint. */
  async forFeature(collection: CollectionDef, feature: Measurable): Promise<Site | undefined> {
    if (!collection.site) return undefined;
    return buildSite(
      feature,
      collection.site,
      await this.#candidates(await this.#current(), collection.site),
    );
  }

  /**
   * A page of GeoJSON Feature texts (the store's items fast path, joined by commas) with `site`
   * added to each feature; returned as given (not parsed) for a collection without a `site` hint.
   */
  async addToPage(collection: CollectionDef, featuresJson: string): Promise<string> {
    const config = collection.site;
    if (!config || featuresJson === '') return featuresJson;
    const memo = await this.#current();
    const candidates = await this.#candidates(memo, config);
    const features = JSON.parse(`[${featuresJson}]`) as ApiFeature[];
    return features
      .map((f) => {
        // Keyed by what a site depends on besides the landmarks, so a page read just before an
        // edit can never leave a stale site in the memo of the edit's revision.
        const p = f.properties;
        const where = [f.geometry, p.district_code, p.location_precision, p.location_uncertainty_km];
        const key = `${collection.id}/${f.id}:${JSON.stringify(where)}`;
        let site = memo.sites.get(key);
        if (site === undefined) {
          site = JSON.stringify(buildSite(f, config, candidates));
          if (memo.sites.size >= MAX_REMEMBERED_SITES) memo.sites.clear();
          memo.sites.set(key, site);
        }
        return `${JSON.stringify(f).slice(0, -1)},"site":${site}}`;
      })
      .join(',');
  }

  /** The memo of the store's current revision (a new, empty one when the revision moved). */
  async #current(): Promise<Memo> {
    const revision = await this.store.revision();
    if (this.#memo?.revision !== revision) this.#memo = { revision, candidates: new Map(), sites: new Map() };
    return this.#memo;
  }

  /** The landmarks of every measure of a config, at the memo's revision. */
  #candidates(memo: Memo, config: SiteConfig): Promise<CandidatesByMeasure> {
    const key = JSON.stringify(config);
    let found = memo.candidates.get(key);
    if (!found) {
      found = this.#load(config);
      memo.candidates.set(key, found);
      found.catch(() => memo.candidates.delete(key));
    }
    return found;
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
