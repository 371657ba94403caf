import { barX, plot, type RenderFunction, ruleX } from '@observablehq/plot';
import type { Bar, Change } from './chartData';

/** Colours of the years (oldest light, latest dark: ColorBrewer Blues), and of change (PuOr, diverging). */
const YEAR_COLORS = ['#9ecae1', '#3182bd', '#08519c'];

/** The colour of each year's bars (the chart's key). */
export function yearColors(years: readonly string[]): string[] {
  return YEAR_COLORS.slice(-years.length);
}
export const CHANGE_COLORS = { down: '#b35806', up: '#542788' } as const;
const HATCH_OPACITY = 0.45;

interface Common {
  width: number;
  /** The hatch pattern's element id (unique per chart on the page). */
  hatchId: string;
  format: (value: number) => string;
  unit: string;
}

/**
 * Plot adds a <style> element to every chart, which the app's Content-Security-Policy
 * (style-src 'self') refuses: charts are drawn in a detached document, the <style> is dropped
 * (charts.css holds its rules) and the chart is adopted into the page.
 */
const scratch = document.implementation.createHTMLDocument('');
function adopted<T extends Element>(chart: T): T {
  for (const style of chart.querySelectorAll('style')) style.remove();
  return document.adoptNode(chart);
}

/** Tags each drawn bar with its district (and year), so hover and tests find it. */
function tagged<T extends { code: string }>(
  data: readonly T[],
  attrs: (d: T) => Record<string, string>,
): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context) ?? null;
    if (!g) return null;
    g.querySelectorAll('rect').forEach((rect, i) => {
      const d = data[index[i]!];
      if (!d) return;
      rect.setAttribute('data-code', d.code);
      for (const [k, v] of Object.entries(attrs(d))) rect.setAttribute(`data-${k}`, v);
    });
    return g;
  };
}

/** Diagonal hatching (the map's hatch for illustrative values), put into the chart's SVG. */
function addHatch(svg: SVGSVGElement | HTMLElement, id: string): void {
  const ns = 'http://www.w3.org/2000/svg';
  const doc = svg.ownerDocument;
  const defs = doc.createElementNS(ns, 'defs');
  const pattern = doc.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', id);
  pattern.setAttribute('width', '6');
  pattern.setAttribute('height', '6');
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const line = doc.createElementNS(ns, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '6');
  line.setAttribute('stroke', '#3d3d3d');
  line.setAttribute('stroke-width', '1.5');
  pattern.append(line);
  defs.append(pattern);
  const root = svg instanceof SVGSVGElement ? svg : svg.querySelector('svg');
  root?.prepend(defs);
}

/** Grouped horizontal bars: one group per district (in `order`), one bar per year. */
export function valuesPlot(
  bars: readonly Bar[],
  order: readonly string[],
  years: readonly string[],
  c: Common,
) {
  const names = order.map((code) => bars.find((b) => b.code === code)?.name ?? code);
  const yearOf = (b: Bar) => (b.year === null ? '' : String(b.year));
  const illustrative = bars.filter((b) => b.illustrative);
  const svg = plot({
    document: scratch,
    width: c.width,
    height: 30 + names.length * (years.length * 13 + 8),
    marginLeft: 128,
    marginRight: 16,
    style: { fontSize: '11px', background: 'transparent' },
    x: { label: c.unit, grid: true, tickFormat: c.format, nice: true, ticks: 4 },
    fy: { domain: names, label: null, axis: 'left', padding: 0.15 },
    y: { domain: [...years], axis: null },
    color: { domain: [...years], range: yearColors(years) },
    marks: [
      barX(bars, {
        fy: 'name',
        y: yearOf,
        x: 'value',
        fill: yearOf,
        fillOpacity: (b: Bar) => (b.illustrative ? HATCH_OPACITY : 1),
        title: (b: Bar) => `${b.name}${b.year === null ? '' : ` ${b.year}`}: ${c.format(b.value)} ${c.unit}`,
        render: tagged(bars, (b) => ({
          year: yearOf(b),
          value: String(b.value),
          illustrative: String(b.illustrative),
        })),
      }),
      barX(illustrative, {
        fy: 'name',
        y: yearOf,
        x: 'value',
        fill: `url(#${c.hatchId})`,
        ariaHidden: 'true',
      }),
      ruleX([0]),
    ],
  });
  addHatch(svg, c.hatchId);
  return adopted(svg);
}

/** Diverging bars of the change (percent or absolute), growth to the right, decline to the left. */
export function changePlot(changes: readonly Change[], measure: 'pct' | 'abs', c: Common) {
  const value = (d: Change) => (measure === 'pct' ? (d.pct ?? 0) : d.abs);
  const rows = changes
    .filter((d) => measure === 'abs' || d.pct !== null)
    .sort((a, b) => value(b) - value(a) || a.code.localeCompare(b.code));
  const svg = plot({
    document: scratch,
    width: c.width,
    height: 40 + rows.length * 24,
    marginLeft: 128,
    marginRight: 16,
    style: { fontSize: '11px', background: 'transparent' },
    x: { label: c.unit, grid: true, tickFormat: c.format, nice: true, ticks: 4 },
    y: { domain: rows.map((d) => d.name), label: null },
    marks: [
      barX(rows, {
        y: 'name',
        x: value,
        fill: (d: Change) => (value(d) < 0 ? CHANGE_COLORS.down : CHANGE_COLORS.up),
        fillOpacity: (d: Change) => (d.illustrative ? HATCH_OPACITY : 1),
        title: (d: Change) => `${d.name}: ${c.format(value(d))} ${c.unit}`,
        render: tagged(rows, (d) => ({ value: String(value(d)), illustrative: String(d.illustrative) })),
      }),
      barX(
        rows.filter((d) => d.illustrative),
        { y: 'name', x: value, fill: `url(#${c.hatchId})`, ariaHidden: 'true' },
      ),
      ruleX([0]),
    ],
  });
  addHatch(svg, c.hatchId);
  return adopted(svg);
}
