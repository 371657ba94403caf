import { readFileSync } from 'node:fs';
import peggy from 'peggy';
import { Cql2Error } from './errors';
import type { Cql2Limits } from './limits';

let parser: peggy.Parser | undefined;

/** The parser generated from cql2-text.peggy, once per process (≈ 0.2 s, on first use). */
function textParser(): peggy.Parser {
  parser ??= peggy.generate(readFileSync(new URL('./cql2-text.peggy', import.meta.url), 'utf8'));
  return parser;
}

/**
 * Deepest nesting of parentheses outside string literals and quoted names: checked before parsing,
 * so a hostile text never reaches the recursive-descent parser with thousands of levels.
 */
function parenthesisDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') deepest = Math.max(deepest, ++depth);
    else if (ch === ')') depth--;
  }
  return deepest;
}

/**
 * cql2-text → the cql2-json shape (unchecked: build.ts types and checks it). Throws Cql2Error:
 * 'limit' for a text longer than `maxLength` or nested deeper than `maxDepth`, 'syntax' with the
 * 1-based character position for anything the grammar does not accept.
 */
export function parseCql2TextToJson(text: string, limits: Cql2Limits): unknown {
  if (text.length > limits.maxLength) {
    throw new Cql2Error(
      'limit',
      `The filter is ${text.length} characters long; at most ${limits.maxLength} are accepted`,
    );
  }
  if (parenthesisDepth(text) > limits.maxDepth) {
    throw new Cql2Error('limit', `The filter nests parentheses deeper than ${limits.maxDepth} levels`);
  }
  try {
    return textParser().parse(text) as unknown;
  } catch (err) {
    if (err instanceof textParser().SyntaxError) {
      throw new Cql2Error(
        'syntax',
        `CQL2 syntax error at character ${err.location.start.offset + 1}: ${err.message}`,
      );
    }
    throw err;
  }
}
