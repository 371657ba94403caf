import type { FastifyRequest } from 'fastify';
import { type Action, allowedMethods, can } from '../auth/roles';
import type { CollectionDef } from '../catalog/catalog';
import { ApiError } from '../errors';

/** 401 for an anonymous visitor, 403 for a role that may not perform `action`. */
export function authorize(request: FastifyRequest, action: Action): void {
  const role = request.user?.role ?? null;
  if (can(role, action)) return;
  if (role === null) throw new ApiError(401, 'Unauthorized', 'Sign in to do this.');
  throw new ApiError(403, 'Forbidden', `Your role (${role}) may not do this (${action}).`);
}

/** 401 for an anonymous visitor. */
export function requireSignedIn(request: FastifyRequest): void {
  if (!request.user) throw new ApiError(401, 'Unauthorized', 'Sign in to do this.');
}

/** 405 with `Allow` when the collection is not editable (a write on districts, the province…). */
export function requireEditable(
  request: FastifyRequest,
  collection: CollectionDef,
  resource: 'items' | 'item',
): void {
  if (collection.editable) return;
  const allow = allowedMethods(request.user?.role ?? null, resource, false).join(', ');
  throw new ApiError(405, 'MethodNotAllowed', `Collection '${collection.id}' is read-only.`, undefined, {
    headers: { allow },
  });
}
