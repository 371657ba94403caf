import type { FieldProblem } from '../contract/api';
import { ApiError, notFound } from '../errors';
import { BatchAlreadyReverted, BatchConflict, BatchNotFound } from '../store/batch-store';
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
  if (err instanceof BatchNotFound) return notFound(`Batch ${err.id} does not exist`);
  if (err instanceof BatchAlreadyReverted) {
    return new ApiError(
      409,
      'Conflict',
      `Batch ${err.id} was undone already, by batch ${err.by}.`,
      undefined,
      {
        body: { batch: err.by },
      },
    );
  }
  if (err instanceof BatchConflict) {
    const what = err.edited
      .map((e) => (e.featureId === null ? e.name : `${e.name} (#${e.featureId})`))
      .join(', ');
    const detail =
      err.action === 'revert'
        ? `The batch cannot be undone: ${err.edited.length} of its features or values changed since (${what}). Undo or revert those first.`
        : `The import cannot be committed: ${err.edited.length} feature(s) or value(s) changed since the preview (${what}). Read the file again (PATCH) and commit.`;
    return new ApiError(409, 'Conflict', detail, undefined, { body: { conflicts: err.edited } });
  }
  if (err instanceof UserExists)
    return new ApiError(409, 'Conflict', `User '${err.username}' already exists.`);
  return undefined;
}
