/**
 * A composition chart of the model (report/composition.ts) as SVG: the whole as one bar split
 * into its parts and the rest, each part's share and amount beside its swatch. The rest, and
 * any part computed here, is drawn pale.
 */
import type { CompositionChart } from "../../model.js";
import { html, type Html } from "../escape.js";
import { seriesColour } from "../theme.js";
import { barPaint, chartFigure, fit, n, text } from "./svg.js";

const WIDTH = 680;
const BAR_W = 600;
const BAR_H = 30;
const ROW = 22;

export function compositionFigure(chart: CompositionChart, id: string): Html {
  const parts: Html[] = [];
  let x = 0;
  chart.parts.forEach((p, i) => {
    const w = (Math.max(0, p.share) / 100) * BAR_W;
    const colour = seriesColour(i);
    parts.push(html`<rect x="${n(x)}" y="8" width="${n(Math.max(0.5, w))}" height="${BAR_H}" ${barPaint(colour, p.derived)}/>`);
    x += w;
  });
  let y = 8 + BAR_H + 14;
  chart.parts.forEach((p, i) => {
    const colour = seriesColour(i);
    parts.push(html`<rect x="0" y="${n(y)}" width="14" height="14" ${barPaint(colour, p.derived)}/>`);
    parts.push(text(22, y + 12, fit(`${p.name}: ${p.label}${p.derived ? " (derived)" : ""}`, WIDTH - 22)));
    y += ROW;
  });
  const whole = `${chart.wholeName}: ${chart.whole.text} (${chart.whole.periodText})`;
  return chartFigure({
    id,
    title: chart.title,
    desc: `${whole}, made of ${chart.parts.map((p) => `${p.name} ${p.label}`).join("; ")}.`,
    width: WIDTH,
    height: Math.ceil(y + 4),
    body: html`${parts.map((p) => html`${p}\n`)}`,
    note: `The whole: ${whole}. Pale parts are computed here (the rest is the whole less its parts).`,
    table: {
      columns: [{ label: "Part" }, { label: "Amount", num: true }, { label: "Share of the whole", num: true }, { label: "Method" }],
      rows: chart.parts.map((p) => [p.name, p.label.replace(/ \(.*\)$/, ""), `${p.share.toFixed(1)}%`, p.derived ? "derived" : "reported"]),
    },
  });
}
