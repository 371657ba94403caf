import type { MapSnapshot } from '../../map/MapView';

export interface PngLegendRow {
  color: string;
  label: string;
}

/** Loads an image from a data URL (no request leaves the page). */
function image(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the map image could not be read'));
    img.src = src;
  });
}

/**
 * The map as a PNG with its legend and attribution drawn below it: title, legend classes (swatch
 * and range), an illustrative warning when it applies, the attribution and the date.
 */
export async function mapPng(
  snap: MapSnapshot,
  p: {
    title: string;
    legendTitle: string;
    legend: PngLegendRow[];
    warning?: string;
    attribution: string;
    date: string;
  },
): Promise<Blob> {
  const map = await image(snap.dataUrl);
  const scale = map.naturalWidth / Math.max(1, snap.width);
  const w = map.naturalWidth;
  const line = Math.round(18 * scale);
  const rows = 3 + p.legend.length + (p.warning ? 1 : 0);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = map.naturalHeight + Math.round(line * (rows + 1.5));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(map, 0, 0);
  const x = Math.round(12 * scale);
  let y = map.naturalHeight + line;
  ctx.fillStyle = '#1a1a1a';
  ctx.font = `bold ${Math.round(15 * scale)}px "Noto Sans", "DejaVu Sans", Arial, sans-serif`;
  ctx.fillText(p.title, x, y);
  y += line;
  ctx.font = `${Math.round(13 * scale)}px "Noto Sans", "DejaVu Sans", Arial, sans-serif`;
  ctx.fillText(p.legendTitle, x, y);
  for (const row of p.legend) {
    y += line;
    ctx.fillStyle = row.color;
    ctx.fillRect(x, y - line * 0.7, line * 0.9, line * 0.7);
    ctx.strokeStyle = '#4d4d4d';
    ctx.strokeRect(x, y - line * 0.7, line * 0.9, line * 0.7);
    ctx.fillStyle = '#1a1a1a';
    ctx.fillText(row.label, x + line * 1.3, y);
  }
  if (p.warning) {
    y += line;
    ctx.fillStyle = '#7a3e00';
    ctx.fillText(p.warning, x, y);
  }
  y += line;
  ctx.fillStyle = '#4d4d4d';
  ctx.fillText(`${p.attribution} · ${p.date}`, x, y);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
