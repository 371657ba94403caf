/**
 * What each role may do (the role names are the contract's, contract/vocabulary.ts). Anonymous
 * visitors (role `null`) read only; `viewer` is a signed-in reader; `editor` changes features;
 * `admin` also manages users, deleted features and the change log. Investor inquiries hold
 * personal contact data, so only editors and admins (the promotion staff) read them. One table below is the single
 * source of these rules.
 */

import { isOneOf, ROLES, type Role } from '../contract/vocabulary';

export { ROLES, type Role };

export const ACTIONS = [
  'read',
  'create',
  'replace',
  'patch',
  'delete',
  'revert',
  'listDeleted',
  'restore',
  'changes',
  'manageUsers',
  'importFeatures',
  'importIndicators',
  'revertBatch',
  'inquiries',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Editors import features and undo batches of features (issue 14; indicator imports are the
 * admin's), and work the investor inquiry inbox (read, take, note, answer); viewers may not read
 * it.
 */
const EDITOR_ACTIONS: readonly Action[] = [
  'read',
  'create',
  'replace',
  'patch',
  'delete',
  'revert',
  'importFeatures',
  'revertBatch',
  'inquiries',
];

const PERMISSIONS: Readonly<Record<Role | 'anonymous', ReadonlySet<Action>>> = {
  anonymous: new Set<Action>(['read']),
  viewer: new Set<Action>(['read']),
  editor: new Set<Action>(EDITOR_ACTIONS),
  admin: new Set<Action>(ACTIONS),
};

/** True when `value` is one of the three role names (e.g. a role read from the users table). */
export function isRole(value: unknown): value is Role {
  return isOneOf(ROLES, value);
}

/**
 * May this role (null = anonymous) perform the action? Throws TypeError for an unknown role or
 * action name (a programming or data error, never a "no").
 */
export function can(role: Role | null, action: Action): boolean {
  if (role !== null && !isRole(role)) throw new TypeError(`unknown role: ${String(role)}`);
  if (!(ACTIONS as readonly string[]).includes(action))
    throw new TypeError(`unknown action: ${String(action)}`);
  return PERMISSIONS[role ?? 'anonymous'].has(action);
}

/** The HTTP methods of each resource and the action each needs, in the order `Allow` lists them. */
const METHODS: Readonly<Record<'items' | 'item', readonly (readonly [string, Action | null])[]>> = {
  items: [
    ['GET', 'read'],
    ['HEAD', 'read'],
    ['POST', 'create'],
    ['OPTIONS', null],
  ],
  item: [
    ['GET', 'read'],
    ['HEAD', 'read'],
    ['PUT', 'replace'],
    ['PATCH', 'patch'],
    ['DELETE', 'delete'],
    ['OPTIONS', null],
  ],
};

const WRITE_ACTIONS: ReadonlySet<Action> = new Set(['create', 'replace', 'patch', 'delete']);

/**
 * The methods this user may use now on a collection's `items` or one `item`, for the `Allow`
 * header of OPTIONS (join with ', '). Writes appear only when the collection is editable and the
 * role may perform them; anonymous and viewers get `GET, HEAD, OPTIONS`.
 */
export function allowedMethods(role: Role | null, resource: 'items' | 'item', editable: boolean): string[] {
  const methods = METHODS[resource];
  if (!methods) throw new TypeError(`unknown resource: ${String(resource)}`);
  return methods
    .filter(([, action]) => {
      if (action === null) return true;
      if (WRITE_ACTIONS.has(action) && !editable) return false;
      return can(role, action);
    })
    .map(([method]) => method);
}
