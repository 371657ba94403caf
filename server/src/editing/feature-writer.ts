import type { FastifyRequest } from 'fastify';
import type { CollectionDef } from '../catalog/catalog';
import type { ApiFeature } from '../contract/api';
import { ApiError, notFound } from '../errors';
import {
  type FeatureContent,
  FeatureNotFound,
  type FeatureStore,
  type StoredFeature,
  UnknownVersion,
  VersionConflict,
} from '../store/feature-store';
import { validateFeatureWrite } from '../validation/feature.validation';
import { evaluateIfMatch, featureEtag } from '../writes/etag';
import { applyFeaturePatch } from '../writes/feature-patch';
import { type AreaContext, areaContextLoader } from './validation-context';

export function toApiFeature(f: StoredFeature): ApiFeature {
  return { type: 'Feature', id: f.id, geometry: f.geometry, properties: f.properties };
}

/** 412 with the feature as it is now, so the client can show what changed. */
export function preconditionFailed(current: StoredFeature): ApiError {
  return new ApiError(
    412,
    'PreconditionFailed',
    `The feature changed since you loaded it: it is now at version ${current.version}.`,
    undefined,
    {
      body: { currentVersion: current.version, current: toApiFeature(current) },
      headers: { etag: featureEtag(current.version) },
    },
  );
}

/** Store failures of a write → problem answers (anything else is rethrown as is: a 500). */
export function writeFailure(err: unknown): unknown {
  if (err instanceof VersionConflict) return preconditionFailed(err.current);
  if (err instanceof FeatureNotFound)
    return notFound(`Feature '${err.id}' does not exist in collection '${err.collection}'`);
  if (err instanceof UnknownVersion) {
    return new ApiError(
      422,
      'ValidationFailed',
      `There is no version ${err.version} to revert to.`,
      undefined,
      {
        body: {
          errors: [{ field: 'version', message: `no version ${err.version} with content`, code: 'Invalid' }],
        },
      },
    );
  }
  return err;
}

/**
 * The write service the routes call: validation (schema, geometry, province, district) against
 * areas loaded once, If-Match, merge patch, and the mapping of store errors to problems.
 */
export class FeatureWriter {
  readonly #areas: () => Promise<AreaContext>;
  constructor(readonly store: FeatureStore) {
    this.#areas = areaContextLoader(store);
  }

  /** The validated content of `body` (400/422 problem with `errors[]` otherwise). */
  async validate(collection: CollectionDef, body: unknown, current?: StoredFeature): Promise<FeatureContent> {
    const { province, districts } = await this.#areas();
    const result = validateFeatureWrite({
      feature: body,
      schema: collection.propertiesSchema,
      geometryTypes: collection.geometryTypes,
      province,
      districts,
      current: current ? { properties: current.properties } : null,
    });
    if (!result.valid) {
      const detail =
        result.status === 400
          ? 'The body is not a GeoJSON Feature.'
          : `The feature is not valid: ${result.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
      throw new ApiError(
        result.status,
        result.status === 400 ? 'InvalidBody' : 'ValidationFailed',
        detail,
        undefined,
        {
          body: { errors: result.errors },
        },
      );
    }
    return { properties: result.feature.properties, geometry: result.feature.geometry };
  }

  /** RFC 7396 merge patch on the feature, then validation. */
  async patched(collection: CollectionDef, current: StoredFeature, patch: unknown): Promise<FeatureContent> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new ApiError(
        400,
        'InvalidBody',
        'A merge patch must be a JSON object, e.g. { "properties": { … } }.',
        undefined,
        {
          body: { errors: [{ field: '(body)', message: 'must be a JSON object', code: 'NotAFeature' }] },
        },
      );
    }
    const merged = applyFeaturePatch(toApiFeature(current), patch, collection.propertiesSchema);
    return this.validate(collection, merged, current);
  }

  /**
   * The live feature a PUT/PATCH/DELETE/revert names, checked against If-Match:
   * 404 when missing, 428 without If-Match, 412 (with the current feature) when stale.
   */
  async current(
    request: FastifyRequest,
    collection: CollectionDef,
    featureId: string,
  ): Promise<StoredFeature> {
    const id = parseFeatureId(featureId);
    const feature = id === undefined ? undefined : await this.store.getFeature(collection.id, id);
    if (!feature) throw notFound(`Feature '${featureId}' does not exist in collection '${collection.id}'`);
    const outcome = evaluateIfMatch(request.headers['if-match'], feature.version);
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

  /** Runs a store write, turning its typed failures into problems. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      throw writeFailure(err);
    }
  }
}

/** A path feature id: integer digits only, else undefined (→ 404). */
export function parseFeatureId(featureId: string): number | undefined {
  return /^\d{1,15}$/.test(featureId) ? Number(featureId) : undefined;
}
