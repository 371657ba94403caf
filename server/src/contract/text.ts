/**
 * Text normalization shared by the server (search column, `q`) and the client (local search).
 * NFD, strip combining marks, đ/Đ → d, lowercase, collapse whitespace, trim.
 * Example: normalizeText('  Bản  Phố ') === 'ban pho'; normalizeText('Đoan') === 'doan'.
 */
export function normalizeText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
