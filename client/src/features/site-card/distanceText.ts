/** How a straight-line distance is written: "≈ 12 km ± 3 km" for an approximate end, never a bare figure. */
import { formatNumber, type Lang } from '../../lib/format';

export interface Measured {
  km: number | null;
  uncertaintyKm: number | null;
  approximate: boolean;
}

const UNKNOWN_PM = { vi: '± chưa rõ', en: '± unknown' };

/** null when there is no figure (no landmark matches). */
export function distanceText(d: Measured, lang: Lang): string | null {
  if (d.km === null) return null;
  const km = `${formatNumber(d.km, lang, 1)} km`;
  if (!d.approximate && (d.uncertaintyKm === null || d.uncertaintyKm === 0)) return km;
  const pm = d.uncertaintyKm === null ? UNKNOWN_PM[lang] : `± ${formatNumber(d.uncertaintyKm, lang, 1)} km`;
  return d.approximate ? `≈ ${km} ${pm}` : `${km} ${pm}`;
}
