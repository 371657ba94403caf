import type { CollectionDef } from '../catalog/catalog';
import { ApiError, notFound } from '../errors';
import type { Actor, FeatureContent, FeatureStore, StoredFeature } from '../store/feature-store';
import { validateFeatureWrite } from '../validation/feature.validation';
import { evaluateIfMatch, featureEtag } from '../writes/etag';
import { applyFeaturePatch } from '../writes/feature-patch';
import { isJsonObject } from '../writes/json-equal';
import { toApiFeature } from './api-feature';
import { GeometryChecker } from './geometry-checker';
import { invalidFeature, preconditionFailed } from './problems';
import { type AreaContext, areaContextLoader } from './validation-context';

/** A path feature id: integer digits only, else undefined (→ 404). */
export function parseFeatureId(featureId: string): number | undefined {
  return /^\d{1,15}$/.test(featureId) ? Number(featureId) : undefined;
}

/**
 * The write service the routes call, one method per operation, with plain values (no HTTP
 * request): validation (schema, geometry, province, district) against areas loaded once, If-Match
 * (`ifMatch` is the header's value, undefined when absent), merge patch, then one store write.
 * Failures are ApiErrors (400, 404, 412, 422, 428) or the store's typed errors, which the error
 * handler renders (editing/problems.ts).
 */
export class FeatureWriter {
  readonly #areas: () => Promise<AreaContext>;
  constructor(
    readonly store: FeatureStore,
    /** Checks geometries off the main thread when they are large. */
    readonly geometry: GeometryChecker = new GeometryChecker(),
  ) {
    this.#areas = areaContextLoader(store);
  }

  /** Adds a feature (201 for the route); the store assigns its id. */
  async create(collection: CollectionDef, body: unknown, actor: Actor): Promise<StoredFeature> {
    const content = await this.#validate(collection, body);
    return this.store.createFeature(collection.id, content, actor);
  }

  /** PUT: the whole feature replaced, at the version If-Match names. */
  async replace(
    collection: CollectionDef,
    featureId: string,
    body: unknown,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<StoredFeature> {
    const current = await this.#current(collection, featureId, ifMatch);
    const content = await this.#validate(collection, body, current);
    return this.store.replaceFeature(collection.id, current.id, content, current.version, actor, 'replace');
  }

  /** PATCH: an RFC 7396 merge patch on the feature, then validation of the result. */
  async patch(
    collection: CollectionDef,
    featureId: string,
    patch: unknown,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<StoredFeature> {
    const current = await this.#current(collection, featureId, ifMatch);
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new ApiError(
        400,
        'InvalidBody',
        'A merge patch must be a JSON object, e.g. { "properties": { … } }.',
        undefined,
        { body: { errors: [{ field: '(body)', message: 'must be a JSON object', code: 'NotAFeature' }] } },
      );
    }
    const merged = applyFeaturePatch(toApiFeature(current), patch, collection.propertiesSchema);
    const content = await this.#validate(collection, merged, current);
    return this.store.replaceFeature(collection.id, current.id, content, current.version, actor, 'patch');
  }

  /** DELETE at the version If-Match names (admins can restore it). */
  async remove(
    collection: CollectionDef,
    featureId: string,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<void> {
    const current = await this.#current(collection, featureId, ifMatch);
    await this.store.deleteFeature(collection.id, current.id, current.version, actor);
  }

  /** A new version equal to `version` (itself undoable), at the version If-Match names. */
  async revert(
    collection: CollectionDef,
    featureId: string,
    version: number,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<StoredFeature> {
    const current = await this.#current(collection, featureId, ifMatch);
    return this.store.revertFeature(collection.id, current.id, version, current.version, actor);
  }

  /** Brings a deleted feature back as a new version (404 when there is no such deleted feature). */
  async restore(collection: CollectionDef, featureId: string, actor: Actor): Promise<StoredFeature> {
    const id = parseFeatureId(featureId);
    if (id === undefined) throw notFound(`No deleted feature '${featureId}'`);
    return this.store.restoreFeature(collection.id, id, actor);
  }

  /** The validated content of `body` (400/422 problem with `errors[]` otherwise). */
  async #validate(
    collection: CollectionDef,
    body: unknown,
    current?: StoredFeature,
  ): Promise<FeatureContent> {
    const { province, districts } = await this.#areas();
    const geometry = isJsonObject(body) ? body.geometry : undefined;
    const geometryCheck = await this.geometry.check(geometry, collection.geometryTypes, province);
    const result = validateFeatureWrite({
      geometryCheck,
      feature: body,
      schema: collection.propertiesSchema,
      geometryTypes: collection.geometryTypes,
      province,
      districts,
      current: current ? { properties: current.properties } : null,
    });
    if (!result.valid) throw invalidFeature(result.status, result.errors);
    return { properties: result.feature.properties, geometry: result.feature.geometry };
  }

  /**
   * The live feature a write names, checked against If-Match: 404 when missing, 428 without
   * If-Match, 412 (with the current feature) when stale.
   */
  async #current(
    collection: CollectionDef,
    featureId: string,
    ifMatch: string | undefined,
  ): Promise<StoredFeature> {
    const id = parseFeatureId(featureId);
    const feature = id === undefined ? undefined : await this.store.getFeature(collection.id, id);
    if (!feature) throw notFound(`Feature '${featureId}' does not exist in collection '${collection.id}'`);
    const outcome = evaluateIfMatch(ifMatch, feature.version);
    if (outcome === 'missing') {
      throw new ApiError(
        428,
        'PreconditionRequired',
        `Send If-Match with the feature's ETag (${featureEtag(feature.version)}) to change it.`,
      );
    }
    if (outcome === 'stale') throw preconditionFailed(feature);
    return feature;
  }
}
