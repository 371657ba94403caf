/** Header cells as unique column names: trimmed, an empty one named by its position, a repeated one numbered. */
export function uniqueColumns(header: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, i) => {
    const base = String(cell ?? '').trim() || `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * A cell our CSV export neutralised (`'=cmd`, `'+1`, `'-x`, `'@x`: the apostrophe keeps
 * spreadsheets from running it as a formula) read back as the text it stands for.
 */
export function unneutralised(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
