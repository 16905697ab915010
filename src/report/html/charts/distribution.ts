/**
 * A whole distribution of the model (report/distribution.ts) on a page: every entity a dot on
 * one axis (logarithmic when the model says so), dots of nearby values stacked, so the shape of
 * 213 countries fits in a few hundred pixels; the reference lines (the World) across it; a
 * hollow dot for a figure of an earlier year, an orange one for a featured entity, each dot
 * named in its tooltip. The ranking itself (rank, name, figure, year) is the table under it.
 * The PDF draws the same ranking as a column of dots a row each, on a page of its own.
 *
 * Too many entities for a ranking (the model's "deciles" form): the deciles and the named
 * extremes, as a table.
 */
import { formatPeriod, formatTick } from "../../format.js";
import type { DistributionChart, DistributionEntry } from "../../model.js";
import { linearScale, logScale, type UnitScale } from "../../pdf/charts/axis.js";
import { html, type Html } from "../escape.js";
import { renderTable } from "../table.js";
import { chartFigure, n, text } from "./svg.js";

const WIDTH = 680;
const LEFT = 24;
const RIGHT = WIDTH - 24;
/** Height of the tallest stack of dots, at most. */
const MAX_STACK_HEIGHT = 220;
const DOT = "#1f5fa8";
const FEATURED = "#b34700";
const REFERENCE = "#9b1c1c";

interface Placed {
  readonly e: DistributionEntry;
  readonly x: number;
  readonly level: number;
}

/** Each entry's bin along the axis and its place in the bin's stack, for dots of `size`. */
function place(entries: readonly DistributionEntry[], at: (v: number) => number, size: number): { placed: Placed[]; tallest: number } {
  const bins = Math.max(1, Math.floor((RIGHT - LEFT) / size));
  const counts = new Map<number, number>();
  const placed = entries.map((e) => {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(at(e.value) * bins)));
    const level = counts.get(bin) ?? 0;
    counts.set(bin, level + 1);
    return { e, x: LEFT + (bin + 0.5) * size, level };
  });
  return { placed, tallest: Math.max(0, ...counts.values()) };
}

function scaleOf(chart: DistributionChart): UnitScale {
  const values = [...chart.entries.map((e) => e.value), ...chart.references.map((r) => r.value)];
  if (chart.scale !== "log") return linearScale(values, 5);
  return logWithZero(values);
}

/** Share of a log axis left of its first power of ten, for the figures of 0 (marked "0"). */
export const ZERO_ROOM = 0.06;

/** A log scale of the figures above zero; with zeros, a "0" at the left end, a little apart. */
export function logWithZero(values: readonly number[]): UnitScale {
  const positive = values.filter((v) => v > 0);
  const s = logScale(positive.length > 0 ? positive : [1]);
  if (positive.length === values.length) return s;
  return { ticks: [0, ...s.ticks], at: (v) => (v <= 0 ? 0 : ZERO_ROOM + (1 - ZERO_ROOM) * s.at(v)) };
}

function words(chart: DistributionChart): string {
  const ranked = chart.entries;
  const named = (e: DistributionEntry) => `${e.name} ${e.number}${e.earlier ? ` (${e.earlier})` : ""}`;
  const median = ranked[Math.floor((ranked.length - 1) / 2)];
  const refs = chart.references.map((r) => `${r.name}: ${r.number}`).join("; ");
  return `${chart.subtitle}. Highest: ${named(ranked[0]!)}; median: ${median ? named(median) : ""}; lowest: ${named(ranked.at(-1)!)}.${refs ? ` ${refs}.` : ""}`;
}

export function distributionFigure(chart: DistributionChart, id: string): Html {
  const period = formatPeriod(chart.period);
  if (chart.form === "deciles" || chart.entries.length === 0) return decilesFigure(chart, id, period);
  const scale = scaleOf(chart);
  // The largest dots whose tallest stack fits.
  let size = 10;
  let layout = place(chart.entries, scale.at, size);
  while (size > 3 && layout.tallest * size > MAX_STACK_HEIGHT) layout = place(chart.entries, scale.at, --size);
  const top = 28;
  const base = top + layout.tallest * size + 6;
  const xOf = (v: number) => LEFT + scale.at(v) * (RIGHT - LEFT);
  const parts: Html[] = [];
  for (const t of scale.ticks) {
    parts.push(html`<line x1="${n(xOf(t))}" y1="${top - 6}" x2="${n(xOf(t))}" y2="${n(base)}" stroke="#c9d0d6" stroke-width="1"/>`);
    parts.push(text(xOf(t), base + 17, formatTick(t, chart.unit), { anchor: "middle", size: 11 }));
  }
  parts.push(html`<line x1="${LEFT}" y1="${n(base)}" x2="${RIGHT}" y2="${n(base)}" stroke="#4a5259" stroke-width="1"/>`);
  chart.references.forEach((r, i) => {
    const x = xOf(r.value);
    parts.push(html`<line x1="${n(x)}" y1="${top - 6 + i * 12}" x2="${n(x)}" y2="${n(base)}" stroke="${REFERENCE}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    const anchor = x > (LEFT + RIGHT) / 2 ? "end" : "start";
    parts.push(text(anchor === "end" ? x - 4 : x + 4, top - 10 + i * 12 + 8, `${r.name} ${r.number}`, { size: 11, anchor, fill: REFERENCE }));
  });
  const r = Math.max(1.2, size / 2 - 0.6);
  for (const p of layout.placed) {
    const colour = p.e.featured ? FEATURED : DOT;
    const fill = p.e.earlier ? "#ffffff" : colour;
    const tip = `${p.e.name}: ${p.e.number}${p.e.earlier ? ` (${p.e.earlier})` : ""}`;
    parts.push(html`<circle cx="${n(p.x)}" cy="${n(base - (p.level + 0.5) * size)}" r="${n(r)}" fill="${fill}" stroke="${colour}" stroke-width="1"><title>${tip}</title></circle>`);
  }
  return chartFigure({
    id,
    title: chart.title,
    desc: words(chart),
    width: WIDTH,
    height: Math.ceil(base + 26),
    body: html`${parts.map((p) => html`${p}\n`)}`,
    note: `${chart.subtitle}. Each dot is one entity (its name shows on hover; all are ranked in the table below): dots of nearby values are stacked. ${chart.note}`,
    table: {
      columns: [{ label: "Rank", num: true }, { label: "Entity" }, { label: "Figure", num: true }, { label: "Period", nowrap: true }],
      rows: chart.entries.map((e, i) => [String(i + 1), e.name, e.number, e.earlier ?? period]),
    },
  });
}

function decilesFigure(chart: DistributionChart, id: string, period: string): Html {
  const rows = [
    ...chart.deciles.map((d) => [d.label, "", d.number, period]),
    ...chart.entries.map((e, i) => [i < chart.entries.length / 2 ? "highest" : "lowest", e.name, e.number, e.earlier ?? period]),
  ];
  return html`<figure class="chart" id="${id}">
<figcaption>${chart.title}</figcaption>
<p class="note">${chart.subtitle}</p>
${renderTable({
  caption: chart.title,
  columns: [{ label: "Where" }, { label: "Entity" }, { label: "Figure", num: true }, { label: "Period", nowrap: true }],
  rows,
})}
<p class="note">${chart.note}</p>
</figure>`;
}
