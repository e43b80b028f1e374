/**
 * Small hand-written charts: lines over an x range (a set's time line, or days for history), with
 * shaded bands, dashed threshold lines, cue markers and a cursor.
 *
 * Only the plot's shapes are SVG. Every word and number (title, axes, band and threshold labels) is
 * HTML laid out around the plot, so text keeps its CSS size at every width (SVG text inside a
 * viewBox scales with the element: ~19 px on a desktop, ~5 px on a phone) and no plot line can cross
 * a label. Lines keep their width through `vector-effect: non-scaling-stroke`; dots are HTML so they
 * stay round while the plot stretches.
 */
import { h } from './dom';
import './chart.css';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The plot's SVG user units: x 0…1000 across, y 0…100 down (stretched to the plot's box). */
const PLOT_W = 1000;
const PLOT_H = 100;
/** About this many x labels: at 12 px, ≥ 50 px apart on a 390 px phone's ~250 px plot. */
const X_TICKS = 5;
/** Plot height per y label, CSS px: two 15 px label lines apart, so labels never crowd. */
const Y_LABEL_SPACING_PX = 30;
/** A y label this close to the plot's top or bottom (share of its height) is kept inside it. */
const EDGE_SHARE = 0.06;

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
  /** Short label above the band (e.g. the rep number). */
  readonly label: string;
  /** Optional second line under the label (e.g. "worst"). */
  readonly note?: string;
  /** Full description, for screen readers and the tooltip. */
  readonly title: string;
  readonly className: string;
}

export interface Marker {
  readonly x: number;
  readonly title: string;
  /** Written as data-* attributes on the marker (what it marks, for tests and tools). */
  readonly data?: Readonly<Record<string, string>>;
}

export interface Threshold {
  readonly y: number;
  /** Label in the plot's right margin; '' for a line the caption already explains. */
  readonly label: string;
}

export interface ChartSpec {
  readonly title: string;
  /** What the y values are, in plain words (shown after the title). */
  readonly yUnit: string;
  /** The thresholds in words, shown under the plot (never only in a tooltip). */
  readonly caption?: string;
  /** Plot height in CSS px. */
  readonly heightPx: number;
  readonly xRange: readonly [number, number];
  /** Formats an x tick label. */
  readonly xFormat: (x: number) => string;
  /** Where to put x labels; default: "nice" steps over xRange. */
  readonly xTicks?: readonly number[];
  /** Label at the left of the band row, e.g. "rep". */
  readonly bandHeading?: string;
  /** Minimum y range to show (the data can widen it). */
  readonly yMin: number;
  readonly yMax: number;
  readonly series: readonly Series[];
  readonly bands?: readonly Band[];
  readonly thresholds?: readonly Threshold[];
  readonly markers?: readonly Marker[];
  /** Shown in place of the plot when no series has data. */
  readonly emptyText?: string;
  /** Draw points as dots (for sparse data such as one value per session). */
  readonly dots?: boolean;
}

export interface ChartEvents {
  /** The pointer moved over the plot (x in data units), or left it (null). */
  readonly onHover?: (x: number | null) => void;
  /** The plot was clicked at x (data units). */
  readonly onPick?: (x: number) => void;
}

function svgEl<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/**
 * "Nice" tick step (1, 2 or 5 × 10^n) of at least span / count, so there are at most count + 1
 * ticks and labels never crowd the height or width they were planned for.
 */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  // Rounded so that 0.6 / 4 = 0.15 (1.4999… × 0.1 in floating point) is not read as more than 1.5.
  const n = Number((raw / mag).toFixed(6));
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

/** Multiples of a nice step within [lo, hi]. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const step = niceStep(hi - lo, count);
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toFixed(10)));
  return ticks;
}

const pct = (v: number): string => `${(v * 100).toFixed(3)}%`;
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** A label positioned along an axis at `at` (0…1 of the axis). */
function axisLabel(className: string, text: string, prop: 'left' | 'top', at: number): HTMLElement {
  const s = h('span', { className, text });
  s.style[prop] = pct(at);
  // A y label at the plot's top or bottom edge sits inside the plot's height rather than centred on
  // the edge, so it cannot reach the band labels above or the x labels below.
  if (prop === 'top' && at <= EDGE_SHARE) s.classList.add('at-top');
  if (prop === 'top' && at >= 1 - EDGE_SHARE) s.classList.add('at-bottom');
  return s;
}

/**
 * Draws a chart as a `<figure>`. The figure keeps its data range in `dataset` so `setChartCursor`
 * can place the shared cursor without the spec.
 */
export function lineChart(spec: ChartSpec, events: ChartEvents = {}): HTMLElement {
  const fig = h('figure', { className: 'chart', testid: 'chart' });
  const [x0, x1] = spec.xRange;
  fig.dataset['x0'] = String(x0);
  fig.dataset['x1'] = String(x1);
  const head = h(
    'figcaption',
    { className: 'chart-head' },
    h('span', { className: 'chart-title', text: spec.title }),
  );
  if (spec.yUnit) head.append(h('span', { className: 'chart-unit', text: ` (${spec.yUnit})` }));
  const legend = h('span', { className: 'chart-legend' });
  if (spec.series.length > 1)
    for (const s of spec.series)
      legend.append(h('span', { className: `chart-key ${s.className}`, text: s.label }));
  head.append(legend);
  fig.append(head);

  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1])).filter((y): y is number => y !== null);
  if (ys.length === 0) {
    fig.classList.add('chart-empty');
    fig.append(h('p', { className: 'chart-empty-text', text: spec.emptyText ?? 'No data.' }));
    return fig;
  }
  const yLo = Math.min(spec.yMin, ...ys);
  const yHi = Math.max(spec.yMax, ...ys);
  const fx = (x: number): number => (x - x0) / Math.max(1e-9, x1 - x0);
  const fy = (y: number): number => 1 - (y - yLo) / Math.max(1e-9, yHi - yLo);

  const body = h('div', { className: 'chart-body' });
  const hasRight = (spec.thresholds ?? []).some((t) => t.label !== '');
  body.classList.toggle('has-right', hasRight);
  if (spec.bands && spec.bands.length > 0) {
    const strip = h('div', { className: 'chart-strip' });
    for (const b of spec.bands) {
      const mid = clamp01((fx(b.fromX) + fx(b.toX)) / 2);
      const lab = axisLabel('chart-band-label', b.label, 'left', mid);
      if (b.note) lab.append(h('span', { className: 'chart-band-note', text: b.note }));
      lab.title = b.title;
      strip.append(lab);
    }
    body.append(h('span', { className: 'chart-strip-head', text: spec.bandHeading ?? '' }), strip);
  }

  const yAxis = h('div', { className: 'chart-yaxis' });
  yAxis.style.height = `${spec.heightPx}px`;
  const plot = h('div', { className: 'chart-plot' });
  plot.style.height = `${spec.heightPx}px`;
  const svg = svgEl('svg', {
    viewBox: `0 0 ${PLOT_W} ${PLOT_H}`,
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
  });
  plot.append(svg);
  for (const b of spec.bands ?? []) {
    const r = svgEl(
      'rect',
      {
        x: fx(b.fromX) * PLOT_W,
        y: 0,
        width: Math.max(1, (fx(b.toX) - fx(b.fromX)) * PLOT_W),
        height: PLOT_H,
        class: b.className,
      },
      svg,
    );
    svgEl('title', {}, r).textContent = b.title;
  }
  for (const y of niceTicks(yLo, yHi, Math.max(2, Math.floor(spec.heightPx / Y_LABEL_SPACING_PX)))) {
    const py = fy(y) * PLOT_H;
    svgEl('line', { x1: 0, x2: PLOT_W, y1: py, y2: py, class: 'chart-grid' }, svg);
    yAxis.append(axisLabel('chart-ylabel', String(Number(y.toFixed(2))), 'top', fy(y)));
  }
  const right = h('div', { className: 'chart-right' });
  right.style.height = `${spec.heightPx}px`;
  for (const t of spec.thresholds ?? []) {
    if (t.y < yLo || t.y > yHi) continue;
    const py = fy(t.y) * PLOT_H;
    svgEl('line', { x1: 0, x2: PLOT_W, y1: py, y2: py, class: 'chart-threshold' }, svg);
    if (t.label) right.append(axisLabel('chart-threshold-label', t.label, 'top', fy(t.y)));
  }
  for (const m of spec.markers ?? []) {
    const g = svgEl('g', { class: 'chart-marker' }, svg);
    for (const [k, v] of Object.entries(m.data ?? {})) g.setAttribute(`data-${k}`, v);
    const px = fx(m.x) * PLOT_W;
    svgEl('line', { x1: px, x2: px, y1: 0, y2: PLOT_H }, g);
    svgEl('title', {}, g).textContent = m.title;
  }
  for (const s of spec.series) {
    let d = '';
    let pen = false;
    for (const [x, y] of s.points) {
      if (y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${(fx(x) * PLOT_W).toFixed(1)},${(fy(y) * PLOT_H).toFixed(2)}`;
      pen = true;
      if (spec.dots) {
        const dot = h('span', { className: `chart-dot ${s.className}` });
        dot.style.left = pct(fx(x));
        dot.style.top = pct(fy(y));
        dot.title = `${s.label}: ${Number(y.toFixed(2))} (${spec.xFormat(x)})`;
        plot.append(dot);
      }
    }
    if (d)
      svgEl('title', {}, svgEl('path', { d, class: `chart-line ${s.className}` }, svg)).textContent = s.label;
  }
  const cursor = h('div', { className: 'chart-cursor', testid: 'chart-cursor' });
  cursor.hidden = true;
  plot.append(cursor);

  const xAxis = h('div', { className: 'chart-xaxis' });
  const xTicks = spec.xTicks ?? niceTicks(x0, x1, X_TICKS);
  for (const x of xTicks) {
    const at = fx(x);
    // A label whose centre would leave the plot would spill past the figure.
    if (at < -1e-9 || at > 1 + 1e-9) continue;
    xAxis.append(axisLabel('chart-xlabel', spec.xFormat(x), 'left', at));
  }
  body.append(yAxis, plot);
  if (hasRight) body.append(right);
  body.append(xAxis);
  fig.append(body);
  if (spec.caption) fig.append(h('p', { className: 'chart-caption', text: spec.caption }));

  const xAtPointer = (e: MouseEvent): number => {
    const r = plot.getBoundingClientRect();
    return x0 + clamp01((e.clientX - r.left) / Math.max(1, r.width)) * (x1 - x0);
  };
  if (events.onHover) {
    const onHover = events.onHover;
    plot.addEventListener('pointermove', (e) => onHover(xAtPointer(e)));
    plot.addEventListener('pointerleave', () => onHover(null));
  }
  if (events.onPick) {
    const onPick = events.onPick;
    plot.classList.add('pickable');
    plot.addEventListener('click', (e) => onPick(xAtPointer(e)));
  }
  return fig;
}

/** Shows the cursor of a chart made by lineChart at x (data units), or hides it (null). */
export function setChartCursor(fig: HTMLElement, x: number | null): void {
  const cursor = fig.querySelector<HTMLElement>('.chart-cursor');
  if (cursor === null) return;
  const x0 = Number(fig.dataset['x0']);
  const x1 = Number(fig.dataset['x1']);
  if (x === null || !Number.isFinite(x) || x < x0 || x > x1) {
    cursor.hidden = true;
    return;
  }
  cursor.hidden = false;
  cursor.style.left = pct((x - x0) / Math.max(1e-9, x1 - x0));
  cursor.dataset['x'] = String(x);
}
