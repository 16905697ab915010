/**
 * The model's comparison chart (report/comparison-chart.ts) as SVG: one panel per indicator,
 * a horizontal bar per country on the panel's own scale (indicators differ by orders of
 * magnitude), titled with its unit and the period compared. A derived figure is drawn pale, a
 * reported one solid, and the label says which. Between the highest and the lowest (the
 * model's top-bottom choice), a row says how many are left out between them.
 */
import type { ComparisonChart, Figure } from "../../model.js";
import { niceScale } from "../../pdf/charts/axis.js";
import { html, type Html } from "../escape.js";
import { seriesColour } from "../theme.js";
import { barPaint, chartFigure, fit, n, text } from "./svg.js";

const WIDTH = 680;
const LABEL = 190;
const BAR_X = 200;
const BAR_W = 300;
const ROW = 24;
const HEAD = 30;
const GAP = 16;

function valueLabel(f: Figure): string {
  return `${f.number}${f.unitText ? ` ${f.unitText}` : ""} (${f.periodText}${f.method === "derived" ? ", derived" : ""})`;
}

export function comparisonFigure(chart: ComparisonChart, id: string): Html {
  const parts: Html[] = [];
  let y = 8;
  for (const panel of chart.panels) {
    const values = panel.bars.map((b) => b.figure.value);
    const scale = niceScale(Math.min(...values), Math.max(...values));
    const x = (v: number) => BAR_X + ((v - scale.min) / (scale.max - scale.min || 1)) * BAR_W;
    parts.push(text(0, y + 16, fit(panel.title, WIDTH), { weight: 600, size: 13 }));
    y += HEAD;
    const top = y;
    for (const [i, b] of panel.bars.entries()) {
      if (panel.omitted && i === panel.omitted.after) {
        parts.push(text(BAR_X, y + 16, panel.omitted.text, { size: 11, fill: "#4a5259" }));
        y += ROW;
      }
      const colour = seriesColour(b.colour);
      const x0 = x(Math.min(0, b.figure.value));
      const x1 = x(Math.max(0, b.figure.value));
      const derived = b.figure.method === "derived";
      parts.push(text(LABEL, y + 16, fit(b.countryName, LABEL - 4), { anchor: "end" }));
      parts.push(html`<rect x="${n(x0)}" y="${n(y + 4)}" width="${n(Math.max(1, x1 - x0))}" height="${ROW - 8}" ${barPaint(colour, derived)}/>`);
      parts.push(text(x1 + 6, y + 16, valueLabel(b.figure), { size: 11 }));
      y += ROW;
    }
    // The zero line, when the scale crosses it.
    parts.push(html`<line x1="${n(x(0))}" y1="${n(top)}" x2="${n(x(0))}" y2="${n(y)}" stroke="#4a5259" stroke-width="1"/>`);
    y += GAP;
  }
  const desc = chart.panels.map((p) => `${p.title}: ${p.bars.map((b) => `${b.countryName} ${valueLabel(b.figure)}`).join(", ")}.`).join(" ");
  return chartFigure({
    id,
    title: chart.title,
    desc,
    width: WIDTH,
    height: Math.ceil(y),
    body: html`${parts.map((p) => html`${p}\n`)}`,
    note: `${chart.note ? `${chart.note} ` : ""}Each panel has its own scale. Pale bars are derived by this pipeline; solid bars are figures as their sources reported them.`,
    table: {
      columns: [{ label: "Indicator" }, { label: "Country" }, { label: "Value", num: true }, { label: "Period" }, { label: "Method" }],
      rows: chart.panels.flatMap((p) => p.bars.map((b) => [p.name, b.countryName, b.figure.text, b.figure.periodText, b.figure.method])),
      more: chart.panels.some((p) => p.omitted)
        ? chart.panels
            .filter((p) => p.omitted)
            .map((p) => `${p.name}: ${p.omitted!.text.replace(/… ?/g, "").trim()}.`)
            .join(" ")
        : null,
    },
  });
}
