import { SORT_KEY_FROM, SORT_KEY_TO } from '../sort-key';

/** A text as a PostgreSQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Migration 7 (issue 16): `sort_key_v1(text)`, store/sort-key.ts's key of a text sortable —
 * `translate()` over its table (every letter of the Vietnamese alphabet, any case and tone, to one
 * character in alphabet order). Immutable, so indexes may use it. The table never changes
 * (sort-key.ts): this text is a shipped migration.
 */
export const MIGRATION_7 = `
  CREATE FUNCTION sort_key_v1(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(value, ${literal(SORT_KEY_FROM)}, ${literal(SORT_KEY_TO)}) $$;
`;
