/**
 * A small SVG chart writer for the benchmark report: grouped bar charts and line charts laid out as
 * panels of one dashboard, each with a title, labelled axes (with units), grid lines, a legend and
 * optional target lines. Plain strings, no dependencies; the output is standalone SVG 1.1.
 */

export interface Series {
  name: string;
  /** One value per category (bar) or per x (line); null leaves a gap. */
  values: Array<number | null>;
  color?: string;
}

export interface TargetLine {
  value: number;
  label: string;
}

interface PanelBase {
  title: string;
  yLabel: string;
  series: Series[];
  /** Formats tick labels and value labels of the y axis. */
  yFormat?: (v: number) => string;
  /** Fixed top of the y axis (e.g. 1 for shares); otherwise from the data and targets. */
  yMax?: number;
  targets?: TargetLine[];
  /** A line under the title (e.g. how the figures were measured). */
  note?: string;
}

export interface BarPanel extends PanelBase {
  kind: "bar";
  categories: string[];
  /** Print each bar's value above it. */
  valueLabels?: boolean;
}

export interface LinePanel extends PanelBase {
  kind: "line";
  x: number[];
  xLabel: string;
  xLog?: boolean;
  xFormat?: (v: number) => string;
}

export type Panel = BarPanel | LinePanel;

export interface Dashboard {
  title: string;
  subtitle?: string;
  panels: Panel[];
  columns?: number;
  panelWidth?: number;
  panelHeight?: number;
}

/** Colour-blind-safe palette (Okabe–Ito). */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
];

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** About `count` round tick values (1, 2, 5 × 10^k steps) covering [0, max]. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power) as number;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const defaultFormat = (v: number) => (Math.abs(v) >= 1000 ? v.toLocaleString("en-US") : num(v));

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  return `<text x="${num(x)}" y="${num(y)}"${extra}>${escapeXml(content)}</text>`;
}

function seriesColor(s: Series, i: number): string {
  return s.color ?? (PALETTE[i % PALETTE.length] as string);
}

function legend(series: Series[], x: number, y: number, width: number): string {
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  series.forEach((s, i) => {
    const w = 22 + s.name.length * 6.6;
    if (cx + w > x + width && cx > x) {
      cx = x;
      cy += 16;
    }
    parts.push(
      `<rect x="${num(cx)}" y="${num(cy - 9)}" width="12" height="10" fill="${seriesColor(s, i)}"/>`,
      text(cx + 16, cy, s.name, { class: "legend" }),
    );
    cx += w;
  });
  return `<g class="legend-box">${parts.join("")}</g>`;
}

function legendRows(series: Series[], width: number): number {
  let rows = 1;
  let cx = 0;
  for (const s of series) {
    const w = 22 + s.name.length * 6.6;
    if (cx + w > width && cx > 0) {
      rows++;
      cx = 0;
    }
    cx += w;
  }
  return rows;
}

function yScale(panel: Panel): { max: number; ticks: number[] } {
  const values = panel.series.flatMap((s) =>
    s.values.filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  const top = Math.max(panel.yMax ?? 0, ...values, ...(panel.targets ?? []).map((t) => t.value), 0);
  const ticks = panel.yMax !== undefined ? niceTicks(panel.yMax, 5) : niceTicks(top * 1.08, 5);
  return { max: Math.max(ticks.at(-1) as number, top), ticks };
}

function renderPanel(panel: Panel, box: Box): string {
  const fmt = panel.yFormat ?? defaultFormat;
  const rows = legendRows(panel.series, box.width - 20);
  const plot = {
    left: box.x + 64,
    right: box.x + box.width - 16,
    top: box.y + 44 + (panel.note ? 14 : 0) + rows * 16,
    bottom: box.y + box.height - 48,
  };
  const { max, ticks } = yScale(panel);
  const yOf = (v: number) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  const out: string[] = [
    `<g class="panel">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" class="frame"/>`,
    text(box.x + box.width / 2, box.y + 20, panel.title, { class: "panel-title", "text-anchor": "middle" }),
  ];
  if (panel.note) {
    out.push(text(box.x + box.width / 2, box.y + 34, panel.note, { class: "note", "text-anchor": "middle" }));
  }
  out.push(legend(panel.series, box.x + 12, box.y + 40 + (panel.note ? 14 : 0), box.width - 20));
  // y axis: grid, ticks, label
  for (const t of ticks) {
    const y = yOf(t);
    out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${num(y)}" y2="${num(y)}" class="grid"/>`);
    out.push(text(plot.left - 6, y + 4, fmt(t), { class: "tick", "text-anchor": "end" }));
  }
  const midY = (plot.top + plot.bottom) / 2;
  out.push(
    text(box.x + 14, midY, panel.yLabel, {
      class: "axis-label",
      "text-anchor": "middle",
      transform: `rotate(-90 ${num(box.x + 14)} ${num(midY)})`,
    }),
  );
  out.push(`<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" class="axis"/>`);
  out.push(
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" class="axis"/>`,
  );

  if (panel.kind === "bar") out.push(...bars(panel, plot, yOf, fmt));
  else out.push(...lines(panel, plot, yOf, box));

  for (const t of panel.targets ?? []) {
    const y = yOf(t.value);
    out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${num(y)}" y2="${num(y)}" class="target"/>`);
    out.push(text(plot.right - 4, y - 4, t.label, { class: "target-label", "text-anchor": "end" }));
  }
  out.push("</g>");
  return out.join("\n");
}

function bars(
  panel: BarPanel,
  plot: { left: number; right: number; top: number; bottom: number },
  yOf: (v: number) => number,
  fmt: (v: number) => string,
): string[] {
  const out: string[] = [];
  const groupWidth = (plot.right - plot.left) / Math.max(1, panel.categories.length);
  const barWidth = Math.min(28, (groupWidth * 0.8) / Math.max(1, panel.series.length));
  panel.categories.forEach((category, ci) => {
    const groupLeft = plot.left + ci * groupWidth + (groupWidth - barWidth * panel.series.length) / 2;
    panel.series.forEach((s, si) => {
      const v = s.values[ci];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      const x = groupLeft + si * barWidth;
      const y = yOf(v);
      out.push(
        `<rect x="${num(x)}" y="${num(y)}" width="${num(barWidth - 2)}" height="${num(plot.bottom - y)}" fill="${seriesColor(s, si)}"><title>${escapeXml(`${s.name} — ${category}: ${fmt(v)}`)}</title></rect>`,
      );
      if (panel.valueLabels && barWidth >= 14) {
        out.push(
          text(x + (barWidth - 2) / 2, y - 3, fmt(v), {
            class: "value",
            "text-anchor": "middle",
          }),
        );
      }
    });
    out.push(
      text(plot.left + ci * groupWidth + groupWidth / 2, plot.bottom + 16, category, {
        class: "tick",
        "text-anchor": "middle",
      }),
    );
  });
  return out;
}

function lines(
  panel: LinePanel,
  plot: { left: number; right: number; top: number; bottom: number },
  yOf: (v: number) => number,
  box: Box,
): string[] {
  const out: string[] = [];
  const xs = panel.x;
  const tx = (v: number) => (panel.xLog ? Math.log10(Math.max(v, 1e-9)) : v);
  const lo = Math.min(...xs.map(tx));
  const hi = Math.max(...xs.map(tx));
  const pad = (plot.right - plot.left) * 0.06;
  const xOf = (v: number) =>
    hi === lo
      ? (plot.left + plot.right) / 2
      : plot.left + pad + ((tx(v) - lo) / (hi - lo)) * (plot.right - plot.left - 2 * pad);
  const xf = panel.xFormat ?? defaultFormat;
  for (const v of xs) {
    out.push(
      `<line x1="${num(xOf(v))}" x2="${num(xOf(v))}" y1="${plot.bottom}" y2="${plot.bottom + 4}" class="axis"/>`,
      text(xOf(v), plot.bottom + 16, xf(v), { class: "tick", "text-anchor": "middle" }),
    );
  }
  out.push(
    text(
      (plot.left + plot.right) / 2,
      box.y + box.height - 12,
      `${panel.xLabel}${panel.xLog ? " (log scale)" : ""}`,
      {
        class: "axis-label",
        "text-anchor": "middle",
      },
    ),
  );
  panel.series.forEach((s, si) => {
    const color = seriesColor(s, si);
    const points = s.values
      .map((v, i) =>
        v === null || !Number.isFinite(v) ? undefined : ([xOf(xs[i] as number), yOf(v)] as const),
      )
      .filter((p): p is readonly [number, number] => p !== undefined);
    if (points.length > 1) {
      out.push(
        `<polyline points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2"/>`,
      );
    }
    for (const [x, y] of points) out.push(`<circle cx="${num(x)}" cy="${num(y)}" r="3.5" fill="${color}"/>`);
  });
  return out;
}

const STYLE = `
  text { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; fill: #222; }
  .title { font-size: 20px; font-weight: bold; }
  .subtitle { font-size: 12px; fill: #555; }
  .panel-title { font-size: 14px; font-weight: bold; }
  .note { font-size: 10.5px; fill: #666; }
  .axis-label { font-size: 11.5px; fill: #333; }
  .tick { font-size: 10.5px; fill: #444; }
  .legend { font-size: 11px; }
  .value { font-size: 9.5px; fill: #333; }
  .frame { fill: #fff; stroke: #ddd; }
  .grid { stroke: #eee; }
  .axis { stroke: #666; }
  .target { stroke: #D55E00; stroke-dasharray: 6 4; stroke-width: 1.5; }
  .target-label { font-size: 10.5px; fill: #D55E00; }
`;

/** A standalone SVG document with the panels laid out in a grid. */
export function renderDashboard(d: Dashboard): string {
  const columns = d.columns ?? 2;
  const pw = d.panelWidth ?? 600;
  const ph = d.panelHeight ?? 360;
  const gap = 16;
  const head = d.subtitle ? 64 : 44;
  const rows = Math.ceil(d.panels.length / columns);
  const width = columns * pw + (columns + 1) * gap;
  const height = head + rows * ph + (rows + 1) * gap;
  const body = d.panels.map((panel, i) =>
    renderPanel(panel, {
      x: gap + (i % columns) * (pw + gap),
      y: head + gap + Math.floor(i / columns) * (ph + gap),
      width: pw,
      height: ph,
    }),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(d.title)}">`,
    `<title>${escapeXml(d.title)}</title>`,
    `<style>${STYLE}</style>`,
    `<rect width="100%" height="100%" fill="#fafafa"/>`,
    text(gap, 30, d.title, { class: "title" }),
    d.subtitle ? text(gap, 50, d.subtitle, { class: "subtitle" }) : "",
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
