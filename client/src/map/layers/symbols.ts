/**
 * Map symbols drawn by us on a canvas (no sprite URL, no request): the style names an image id,
 * MapView draws it when the map asks (setMissingStyleImageResolver), and legends draw the same id
 * into an <img> (data URL). The catalog names a symbol (`display.symbol`, `symbolBy`); its drawing
 * lives only here. Ids are `sym|<shape>|<colour>|<approx|exact>|<size px>`, e.g.
 * `sym|industry|#009E73|approx|22`.
 */
import type { PointSymbol } from '../../../../server/src/contract/api';

/** The catalog's point symbols, and two of our own: the selection ring and the hatch tile. */
export type SymbolShape = PointSymbol | 'ring' | 'hatch';

/** Device pixels per CSS pixel of every symbol image (crisp on high-DPI screens). */
export const SYMBOL_PIXEL_RATIO = 2;
const INK = '#1a1a1a';

/** The size (CSS px) each shape is designed at; drawn at another size, it is scaled. */
export const DESIGN_SIZES: Readonly<Record<SymbolShape, number>> = {
  circle: 13,
  square: 13,
  diamond: 15,
  triangle: 15,
  industry: 22,
  gate: 18,
  rail: 18,
  expressway: 18,
  seat: 16,
  ring: 32,
  hatch: 8,
};
const SHAPES = Object.keys(DESIGN_SIZES) as SymbolShape[];

export interface SymbolSpec {
  shape: SymbolShape;
  color: string;
  approximate: boolean;
  /** CSS px. */
  size: number;
}

/**
 * The size of `shape` in a layer whose own symbol `base` is drawn at `baseSize` px: symbols
 * chosen per value keep their designed proportion to the layer's symbol.
 */
export function scaledSize(shape: SymbolShape, base: SymbolShape, baseSize: number): number {
  return Math.round((baseSize * DESIGN_SIZES[shape]) / DESIGN_SIZES[base]);
}

export function symbolId(
  shape: SymbolShape,
  color: string,
  approximate: boolean,
  size: number = DESIGN_SIZES[shape],
): string {
  return `sym|${shape}|${color}|${approximate ? 'approx' : 'exact'}|${size}`;
}

/** The spec of an image id, or undefined when it is not one of ours. */
export function parseSymbolId(id: string): SymbolSpec | undefined {
  const [prefix, shape, color, variant, size] = id.split('|');
  if (prefix !== 'sym' || !SHAPES.includes(shape as SymbolShape)) return undefined;
  if (!color || !/^#[0-9a-fA-F]{6}$/.test(color)) return undefined;
  if (variant !== 'approx' && variant !== 'exact') return undefined;
  const px = Number(size);
  if (!Number.isInteger(px) || px < 1 || px > 64) return undefined;
  return { shape: shape as SymbolShape, color, approximate: variant === 'approx', size: px };
}

/** `color` mixed with white (share 0–1 of the colour). */
function pale(color: string, share: number): string {
  const rgb = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
  return `rgb(${rgb.map((c) => Math.round(c * share + 255 * (1 - share))).join(',')})`;
}

function fillStroke(ctx: CanvasRenderingContext2D, spec: SymbolSpec): void {
  ctx.fillStyle = spec.approximate ? pale(spec.color, 0.35) : spec.color;
  ctx.fill();
  ctx.lineWidth = spec.approximate ? 3 : 1.5;
  ctx.strokeStyle = spec.approximate ? spec.color : INK;
  ctx.stroke();
}

/** Draws the symbol centred in an `n`×`n` box, `n` its design size (the context is already scaled). */
function paint(ctx: CanvasRenderingContext2D, spec: SymbolSpec): void {
  const n = DESIGN_SIZES[spec.shape];
  const c = n / 2;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  switch (spec.shape) {
    case 'square':
      ctx.beginPath();
      ctx.roundRect(2, 2, n - 4, n - 4, 2);
      fillStroke(ctx, spec);
      return;
    case 'triangle':
      ctx.beginPath();
      ctx.moveTo(c, 1.5);
      ctx.lineTo(n - 1.5, n - 2);
      ctx.lineTo(1.5, n - 2);
      ctx.closePath();
      fillStroke(ctx, spec);
      return;
    case 'industry': {
      ctx.beginPath();
      ctx.roundRect(2, 2, n - 4, n - 4, 3);
      fillStroke(ctx, spec);
      // An industry pictogram: saw-tooth roof and a chimney.
      ctx.beginPath();
      ctx.moveTo(6, n - 6);
      ctx.lineTo(6, 11);
      ctx.lineTo(9.5, 8.5);
      ctx.lineTo(9.5, 11);
      ctx.lineTo(13, 8.5);
      ctx.lineTo(13, 11);
      ctx.lineTo(n - 6, 11);
      ctx.lineTo(n - 6, 5);
      ctx.moveTo(6, n - 6);
      ctx.lineTo(n - 6, n - 6);
      ctx.lineTo(n - 6, 11);
      ctx.lineWidth = 1.6;
      ctx.strokeStyle = spec.approximate ? INK : '#ffffff';
      ctx.stroke();
      return;
    }
    case 'circle':
      ctx.beginPath();
      ctx.arc(c, c, c - 2, 0, Math.PI * 2);
      fillStroke(ctx, spec);
      return;
    case 'diamond':
      ctx.beginPath();
      ctx.moveTo(c, 1.5);
      ctx.lineTo(n - 1.5, c);
      ctx.lineTo(c, n - 1.5);
      ctx.lineTo(1.5, c);
      ctx.closePath();
      fillStroke(ctx, spec);
      return;
    case 'ring':
      // The selection ring, wide enough for the largest symbol.
      ctx.beginPath();
      ctx.arc(c, c, c - 2.5, 0, Math.PI * 2);
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = spec.color;
      ctx.stroke();
      return;
    case 'hatch':
      // A diagonal hatch tile for fill-pattern (illustrative values), tiling seamlessly.
      ctx.strokeStyle = spec.color;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.moveTo(0, n);
      ctx.lineTo(n, 0);
      ctx.moveTo(-1, 1);
      ctx.lineTo(1, -1);
      ctx.moveTo(n - 1, n + 1);
      ctx.lineTo(n + 1, n - 1);
      ctx.stroke();
      return;
    default:
      paintLandmark(ctx, spec);
  }
}

/** Landmark pictograms on a white disc with a dark rim (dashed rim when approximate). */
function paintLandmark(ctx: CanvasRenderingContext2D, spec: SymbolSpec): void {
  const n = DESIGN_SIZES[spec.shape];
  const c = n / 2;
  ctx.beginPath();
  ctx.arc(c, c, c - 1.2, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 1.6;
  ctx.strokeStyle = spec.color;
  if (spec.approximate) ctx.setLineDash([2.2, 1.6]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = spec.color;
  ctx.fillStyle = spec.color;
  ctx.lineWidth = 1.8;
  ctx.beginPath();
  switch (spec.shape) {
    case 'gate':
      // Two posts and a lintel.
      ctx.moveTo(5, n - 4.5);
      ctx.lineTo(5, 6);
      ctx.lineTo(n - 5, 6);
      ctx.lineTo(n - 5, n - 4.5);
      ctx.moveTo(5, 9);
      ctx.lineTo(n - 5, 9);
      ctx.stroke();
      return;
    case 'rail':
      // Two rails and three sleepers.
      ctx.moveTo(6.5, 4);
      ctx.lineTo(6.5, n - 4);
      ctx.moveTo(n - 6.5, 4);
      ctx.lineTo(n - 6.5, n - 4);
      for (const y of [6, c, n - 6]) {
        ctx.moveTo(4.5, y);
        ctx.lineTo(n - 4.5, y);
      }
      ctx.lineWidth = 1.4;
      ctx.stroke();
      return;
    case 'expressway':
      // A road shield.
      ctx.moveTo(4.5, 5);
      ctx.lineTo(n - 4.5, 5);
      ctx.lineTo(n - 4.5, 10);
      ctx.quadraticCurveTo(n - 5, n - 4, c, n - 3.5);
      ctx.quadraticCurveTo(5, n - 4, 4.5, 10);
      ctx.closePath();
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(c, 7);
      ctx.lineTo(c, n - 6);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.2;
      ctx.setLineDash([1.5, 1.2]);
      ctx.stroke();
      ctx.setLineDash([]);
      return;
    case 'seat':
      // The classic seat symbol: a ring with a dot.
      ctx.arc(c, c, c - 5, 0, Math.PI * 2);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(c, c, 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    default:
      return;
  }
}

/** Draws an image id into a new canvas (device pixels = size × SYMBOL_PIXEL_RATIO); undefined if not ours. */
function drawCanvas(id: string): HTMLCanvasElement | undefined {
  const spec = parseSymbolId(id);
  if (!spec || typeof document === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = spec.size * SYMBOL_PIXEL_RATIO;
  canvas.height = spec.size * SYMBOL_PIXEL_RATIO;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  const scale = (SYMBOL_PIXEL_RATIO * spec.size) / DESIGN_SIZES[spec.shape];
  ctx.scale(scale, scale);
  paint(ctx, spec);
  return canvas;
}

/** The image for MapLibre's addImage (with pixelRatio SYMBOL_PIXEL_RATIO), or undefined. */
export function drawSymbol(id: string): ImageData | undefined {
  const canvas = drawCanvas(id);
  return canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
}

const dataUrls = new Map<string, string>();

/** A data: URL of the symbol for legends (no request), cached per id; '' when it cannot be drawn. */
export function symbolDataUrl(id: string): string {
  let url = dataUrls.get(id);
  if (url === undefined) {
    url = drawCanvas(id)?.toDataURL('image/png') ?? '';
    dataUrls.set(id, url);
  }
  return url;
}
