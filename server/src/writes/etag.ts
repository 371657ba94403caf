/**
 * Strong ETags of features (`"v<version>"`) and the If-Match precondition (RFC 9110 §13.1.1).
 * If-Match uses strong comparison, so weak tags (`W/"v3"`) never match a write; tags in another
 * form (`"abc"`) are valid syntax but name no version. Unparsable headers match nothing.
 */

export type IfMatch = { kind: 'missing' } | { kind: 'any' } | { kind: 'versions'; versions: number[] };

/**
 * The strong ETag of a feature version, e.g. featureEtag(3) → `"v3"`. A `variant` names a part
 * of the answer derived from other data (the `site` distances, which move with the landmarks):
 * `"v3-<variant>"`, so a conditional GET revalidates when only that part changed. If-Match reads
 * the version alone, so either tag of version 3 lets a write of version 3 go ahead.
 * Throws for a non-positive-integer version or a variant outside [A-Za-z0-9_-]{1,32}.
 */
export function featureEtag(version: number, variant?: string): string {
  if (!Number.isSafeInteger(version) || version < 1)
    throw new RangeError('version must be a positive integer');
  if (variant === undefined) return `"v${version}"`;
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(variant)) throw new RangeError('variant must be 1–32 of [A-Za-z0-9_-]');
  return `"v${version}-${variant}"`;
}

/** One entity-tag: optional W/, then a quoted string of etagc characters (RFC 9110 §8.8.3). */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const VERSION_TAG = /^v([1-9][0-9]{0,14})(?:-[A-Za-z0-9_-]{1,32})?$/;

/**
 * Parses If-Match. Absent or blank → missing (the route answers 428). `*` → any (matches any
 * existing feature). Otherwise the versions named by strong `"v<n>"` (or `"v<n>-<variant>"`) tags, in header order;
 * weak, foreign or malformed members are skipped, so `versions` may be empty (→ 412).
 * Repeated headers (an array) are read as one comma-separated list.
 */
export function parseIfMatch(header: string | readonly string[] | undefined): IfMatch {
  const text = typeof header === 'string' ? header : (header ?? []).join(',');
  if (text.trim() === '') return { kind: 'missing' };
  const members = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  if (members.includes('*')) return { kind: 'any' };
  const versions: number[] = [];
  for (const member of members) {
    const tag = ENTITY_TAG.exec(member);
    if (!tag || tag[1]) continue;
    const version = VERSION_TAG.exec(tag[2] ?? '');
    if (version) versions.push(Number(version[1]));
  }
  return { kind: 'versions', versions };
}

/**
 * The If-Match outcome for a feature whose current version is `currentVersion`:
 * `missing` → 428 PreconditionRequired, `stale` → 412 PreconditionFailed, `ok` → go ahead.
 */
export function evaluateIfMatch(
  header: string | readonly string[] | undefined,
  currentVersion: number,
): 'ok' | 'missing' | 'stale' {
  const parsed = parseIfMatch(header);
  if (parsed.kind === 'missing') return 'missing';
  if (parsed.kind === 'any') return 'ok';
  return parsed.versions.includes(currentVersion) ? 'ok' : 'stale';
}
