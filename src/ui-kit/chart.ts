/**
 * Small hand-written SVG charts: a time-series plot (one or more lines over the set's time line,
 * with shaded bands, threshold lines and markers) and a per-session trend plot. SVG scales with the
 * page, can be styled from CSS and needs no dependency; a few hundred points per line is well within
 * what it draws instantly.
 */
import './chart.css';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Chart size in SVG user units (the element scales to its container's width). */
const CHART_WIDTH = 720;
/** Left margin for the y-axis labels, user units. */
const MARGIN_LEFT = 44;
const MARGIN_RIGHT = 10;
const MARGIN_TOP = 18;
/** Bottom margin for the x-axis labels, user units. */
const MARGIN_BOTTOM = 20;

export interface Series {
  readonly label: string;
  /** [x, y]; y null leaves a gap in the line. */
  readonly points: readonly (readonly [number, number | null])[];
  /** CSS class of the line (colour comes from CSS). */
  readonly className: string;
}

export interface Band {
  readonly fromX: number;
  readonly toX: number;
  readonly label: string;
  readonly className: string;
}

export interface Marker {
  readonly x: number;
  readonly label: string;
  readonly title: string;
  /** Written as data-* attributes on the marker (what it marks, for tests and tools). */
  readonly data?: Readonly<Record<string, string>>;
}

export interface ChartSpec {
  readonly title: string;
  readonly heightUnits: number;
  readonly xRange: readonly [number, number];
  /** Formats an x tick label. */
  readonly xFormat: (x: number) => string;
  /** Where to put x labels (e.g. one per session); default: "nice" steps over xRange. */
  readonly xTicks?: readonly number[];
  readonly yUnit: string;
  /** Minimum y range to show (the data can widen it). */
  readonly yMin: number;
  readonly yMax: number;
  readonly series: readonly Series[];
  readonly bands?: readonly Band[];
  readonly thresholds?: readonly { readonly y: number; readonly label: string }[];
  readonly markers?: readonly Marker[];
  /** Shown inside the plot when no series has data. */
  readonly emptyText?: string;
  /** Draw points as dots (for sparse data such as one value per session). */
  readonly dots?: boolean;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** "Nice" tick step (1, 2 or 5 × 10^n) giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag;
}

export function lineChart(spec: ChartSpec): SVGSVGElement {
  const H = spec.heightUnits;
  const svg = el('svg', {
    viewBox: `0 0 ${CHART_WIDTH} ${H}`,
    class: 'chart',
    role: 'img',
    'aria-label': spec.title,
    'data-testid': 'chart',
  });
  const [x0, x1] = spec.xRange;
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1])).filter((y): y is number => y !== null);
  const yLo = Math.min(spec.yMin, ...ys);
  const yHi = Math.max(spec.yMax, ...ys);
  const plotW = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  const plotH = H - MARGIN_TOP - MARGIN_BOTTOM;
  const sx = (x: number): number => MARGIN_LEFT + ((x - x0) / Math.max(1e-9, x1 - x0)) * plotW;
  const sy = (y: number): number => MARGIN_TOP + (1 - (y - yLo) / Math.max(1e-9, yHi - yLo)) * plotH;

  el('text', { x: MARGIN_LEFT, y: 12, class: 'chart-title' }, svg).textContent =
    `${spec.title}${spec.yUnit ? ` (${spec.yUnit})` : ''}`;
  for (const b of spec.bands ?? []) {
    const r = el(
      'rect',
      {
        x: sx(b.fromX),
        y: MARGIN_TOP,
        width: Math.max(1, sx(b.toX) - sx(b.fromX)),
        height: plotH,
        class: b.className,
      },
      svg,
    );
    el('title', {}, r).textContent = b.label;
    el(
      'text',
      { x: sx(b.fromX) + 3, y: MARGIN_TOP + plotH - 4, class: 'chart-band-label' },
      svg,
    ).textContent = b.label;
  }
  const yStep = niceStep(yHi - yLo, 4);
  for (let y = Math.ceil(yLo / yStep) * yStep; y <= yHi + 1e-9; y += yStep) {
    el(
      'line',
      { x1: MARGIN_LEFT, x2: CHART_WIDTH - MARGIN_RIGHT, y1: sy(y), y2: sy(y), class: 'chart-grid' },
      svg,
    );
    el('text', { x: MARGIN_LEFT - 4, y: sy(y) + 4, class: 'chart-ylabel' }, svg).textContent = String(
      Number(y.toFixed(2)),
    );
  }
  const xStep = niceStep(x1 - x0, 8);
  const xTicks: number[] = [];
  if (spec.xTicks) xTicks.push(...spec.xTicks);
  else for (let x = Math.ceil(x0 / xStep) * xStep; x <= x1 + 1e-9; x += xStep) xTicks.push(x);
  for (const x of xTicks) {
    el('text', { x: sx(x), y: H - 5, class: 'chart-xlabel' }, svg).textContent = spec.xFormat(x);
  }
  for (const t of spec.thresholds ?? []) {
    if (t.y < yLo || t.y > yHi) continue;
    el(
      'line',
      { x1: MARGIN_LEFT, x2: CHART_WIDTH - MARGIN_RIGHT, y1: sy(t.y), y2: sy(t.y), class: 'chart-threshold' },
      svg,
    );
    el(
      'text',
      { x: CHART_WIDTH - MARGIN_RIGHT - 2, y: sy(t.y) - 3, class: 'chart-threshold-label' },
      svg,
    ).textContent = t.label;
  }
  for (const s of spec.series) {
    let d = '';
    let pen = false;
    for (const [x, y] of s.points) {
      if (y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
      pen = true;
      if (spec.dots) el('circle', { cx: sx(x), cy: sy(y), r: 3.5, class: `chart-dot ${s.className}` }, svg);
    }
    if (d) el('title', {}, el('path', { d, class: `chart-line ${s.className}` }, svg)).textContent = s.label;
  }
  for (const m of spec.markers ?? []) {
    const g = el('g', { class: 'chart-marker' }, svg);
    for (const [k, v] of Object.entries(m.data ?? {})) g.setAttribute(`data-${k}`, v);
    el('line', { x1: sx(m.x), x2: sx(m.x), y1: MARGIN_TOP, y2: MARGIN_TOP + plotH }, g);
    el('text', { x: sx(m.x) + 2, y: MARGIN_TOP + 10 }, g).textContent = m.label;
    el('title', {}, g).textContent = m.title;
  }
  if (ys.length === 0 && spec.emptyText) {
    el(
      'text',
      { x: MARGIN_LEFT + plotW / 2, y: MARGIN_TOP + plotH / 2, class: 'chart-empty' },
      svg,
    ).textContent = spec.emptyText;
  }
  // Legend: label of each series, right-aligned in the title row.
  let lx = CHART_WIDTH - MARGIN_RIGHT;
  for (const s of [...spec.series].reverse()) {
    const t = el('text', { x: lx, y: 12, class: `chart-legend ${s.className}` }, svg);
    t.textContent = `— ${s.label}`;
    lx -= 12 + 7 * s.label.length;
  }
  return svg;
}
