import type { FieldProblem } from '../contract/api';
import { ApiError, notFound } from '../errors';
import { FeatureNotFound, type StoredFeature, UnknownVersion, VersionConflict } from '../store/feature-store';
import { UserExists } from '../store/user-store';
import { featureEtag } from '../writes/etag';
import { toApiFeature } from './api-feature';

/** 412 with the feature as it is now (and its ETag), so the client can show what changed. */
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

/** 400 (not a Feature at all) or 422 (a Feature with wrong fields), listing every field problem. */
export function invalidFeature(status: 400 | 422, errors: FieldProblem[]): ApiError {
  const detail =
    status === 400
      ? 'The body is not a GeoJSON Feature.'
      : `The feature is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
  return new ApiError(status, status === 400 ? 'InvalidBody' : 'ValidationFailed', detail, undefined, {
    body: { errors },
  });
}

/**
 * The problem answer for a typed failure of a store (FeatureStore, UserStore), or undefined for
 * any other error. The one error handler (plugins/errors.ts) asks this, so no call site maps them.
 */
export function storeFailureProblem(err: unknown): ApiError | undefined {
  if (err instanceof VersionConflict) return preconditionFailed(err.current);
  if (err instanceof FeatureNotFound) {
    return notFound(`Feature '${err.id}' does not exist in collection '${err.collection}'`);
  }
  if (err instanceof UnknownVersion) {
    const errors: FieldProblem[] = [
      { field: 'version', message: `no version ${err.version} with content`, code: 'Invalid' },
    ];
    return new ApiError(
      422,
      'ValidationFailed',
      `There is no version ${err.version} to revert to.`,
      undefined,
      {
        body: { errors },
      },
    );
  }
  if (err instanceof UserExists)
    return new ApiError(409, 'Conflict', `User '${err.username}' already exists.`);
  return undefined;
}
