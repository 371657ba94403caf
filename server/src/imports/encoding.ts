import iconv from 'iconv-lite';

/**
 * Text encodings of imported files (issue 14): UTF-8 (with or without BOM), UTF-16 with a BOM
 * (Excel's "Unicode text"), and the two legacy Vietnamese encodings staff still have: Windows-1258
 * (combining tone marks) and TCVN3 (TCVN 5712:1993 "VN3", the .VnTime fonts). Both legacy
 * decoders are iconv-lite's (`cp1258`, `tcvn`). Files with their own text model (XLSX, GeoJSON,
 * KML) are Unicode already, but text typed with a TCVN3 font arrives as Latin-1 look-alikes
 * ("Lµo Cai" for "Lào Cai"): `fontDecoded` turns such strings back.
 *
 * Detection: a BOM decides; pure ASCII and valid UTF-8 are UTF-8; otherwise each legacy reading
 * is scored word by word (a Vietnamese syllable has at most one tone mark and no symbol in it),
 * the better one wins, and `confident` says whether it won clearly — when not, the preview asks
 * (the client offers the `encoding` parameter with the alternatives).
 */

export const ENCODING_CHOICES = ['auto', 'utf-8', 'windows-1258', 'tcvn3'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3';

export interface EncodingReport {
  /** The encoding the text was read with. */
  used: TextEncoding;
  /** True when the server chose it (the `encoding` parameter was absent or `auto`). */
  detected: boolean;
  /** False when another encoding scored nearly as well: the user should confirm (or pick another). */
  confident: boolean;
  /** Other readings worth offering, best first (empty when confident). */
  alternatives: TextEncoding[];
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** After NFD, a Vietnamese word holds only these: Latin letters, đ, the five tone marks and the three vowel marks. */
const VIETNAMESE_NFD = /^(?:[A-Za-z\u0110\u0111]|\u0300|\u0301|\u0303|\u0309|\u0323|\u0302|\u0306|\u031b)+$/;

/**
 * How Vietnamese a text reads: +1 per word with non-ASCII letters that could be a syllable (only
 * Vietnamese letters, at most one tone mark), −1 per word that could not (two tone marks, a
 * symbol such as µ ¶ ¸ inside it, a control character). ASCII words count 0.
 */
export function vietnameseScore(text: string): number {
  let score = 0;
  for (const token of text.normalize('NFC').split(/\s+/)) {
    const word = token.replace(/^[!-/:-@[-`{-~]+|[!-/:-@[-`{-~]+$/g, '');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an ASCII test
    if (word === '' || /^[\x00-\x7f]*$/.test(word)) continue;
    const decomposed = word.normalize('NFD');
    const tones = decomposed.match(TONE_MARKS)?.length ?? 0;
    score += VIETNAMESE_NFD.test(decomposed) && tones <= 1 ? 1 : -1;
  }
  return score;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes with a known encoding (BOMs are not part of the text). */
export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8').decode(bytes);
    case 'utf-16le':
    case 'utf-16be':
      return new TextDecoder(encoding).decode(bytes);
    case 'windows-1258':
      return iconv.decode(buf, 'cp1258').normalize('NFC');
    case 'tcvn3':
      return iconv.decode(buf, 'tcvn').normalize('NFC');
  }
}

function bomOf(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The two legacy readings, best first, and whether the first won clearly. */
function rankLegacy(bytes: Uint8Array): { ranked: TextEncoding[]; confident: boolean } {
  const sample = bytes.subarray(0, 1_048_576);
  const scores = (['windows-1258', 'tcvn3'] as const).map((e) => ({
    e,
    s: vietnameseScore(decodeAs(sample, e)),
  }));
  scores.sort((a, b) => b.s - a.s);
  const [best, other] = scores as [{ e: TextEncoding; s: number }, { e: TextEncoding; s: number }];
  return {
    ranked: [best.e, other.e],
    confident: best.s > 0 && best.s - other.s >= Math.max(2, best.s * 0.2),
  };
}

/**
 * Reads text bytes: with `choice` auto, the encoding is detected (see above); otherwise the given
 * one is used as it is (a BOM is still skipped).
 */
export function decodeText(
  bytes: Uint8Array,
  choice: EncodingChoice,
): { text: string; report: EncodingReport } {
  const bom = bomOf(bytes);
  const body = bom ? bytes.subarray(bom === 'utf-8' ? 3 : 2) : bytes;
  if (choice !== 'auto') {
    const used: TextEncoding = bom && choice === 'utf-8' ? bom : choice;
    return {
      text: decodeAs(body, used),
      report: { used, detected: false, confident: true, alternatives: [] },
    };
  }
  if (bom || isAscii(body) || isUtf8(body)) {
    const used = bom ?? 'utf-8';
    return {
      text: decodeAs(body, used),
      report: { used, detected: true, confident: true, alternatives: [] },
    };
  }
  const { ranked, confident } = rankLegacy(body);
  const used = ranked[0] as TextEncoding;
  return {
    text: decodeAs(body, used),
    report: { used, detected: true, confident, alternatives: confident ? [] : ranked.slice(1) },
  };
}

/** The bytes a string of Latin-1 look-alikes stands for (Windows-1252 for 0x80–0x9F), or undefined when it holds other characters. */
function latinBytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code <= 0xff) out[i] = code;
    else {
      const b = iconv.encode(text[i] as string, 'cp1252');
      if (b.length !== 1 || b[0] === 0x3f) return undefined;
      out[i] = b[0] as number;
    }
  }
  return out;
}

/** `text` as TCVN3 when it was typed with a TCVN3 font (Latin-1 look-alikes), else unchanged. */
export function fontDecoded(text: string): string {
  const bytes = /[\u0080-\uffff]/.test(text) ? latinBytes(text) : undefined;
  return bytes ? decodeAs(bytes, 'tcvn3') : text;
}

/**
 * For Unicode text values (XLSX cells, GeoJSON/KML properties): does their TCVN3 reading score
 * clearly better than the text as it is? Then they were typed with a TCVN3 font.
 */
export function detectFontEncoding(samples: readonly string[]): EncodingReport {
  let asIs = 0;
  let tcvn = 0;
  for (const s of samples) {
    if (!/[\u0080-\uffff]/.test(s)) continue;
    asIs += vietnameseScore(s);
    tcvn += latinBytes(s) ? vietnameseScore(fontDecoded(s)) : -1;
  }
  const wins = tcvn > 0 && tcvn - asIs >= Math.max(2, tcvn * 0.2);
  const close = !wins && tcvn > 0 && tcvn > asIs;
  return {
    used: wins ? 'tcvn3' : 'utf-8',
    detected: true,
    confident: !close,
    alternatives: close ? ['tcvn3'] : [],
  };
}
