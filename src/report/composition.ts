/**
 * Composition charts: a total split into its parts and the rest (Kenya's data subscriptions:
 * broadband and other). A pipeline may name the totals; otherwise they are read off its
 * derivations, where `whole * share / 100` (a count times a percent) makes a part of `whole`.
 * A part is matched to the total of the same period, else of the same year; the total drawn is
 * the latest (by the selection's period, when there is one) whose parts are all there. Parts that
 * add up to more than the total are not drawn: the report says so instead of drawing a broken
 * chart. Compositions are drawn for the entities shown (selection.ts), at most MAX_COMPOSITIONS
 * of one total: with many entities, the comparisons and the distribution carry the rest.
 */
import { periodYear } from "../figures/period.js";
import { unitInfo } from "../figures/units.js";
import type { Pipeline } from "../contracts/definition.js";
import { parseFormula } from "../figures/formula.js";
import type { FigureBook, ReportObservation } from "./figures.js";
import { formatAmount, formatMarks } from "./format.js";
import type { CompositionChart, CompositionPart } from "./model.js";
import type { CompositionChoice } from "./options.js";
import { periodBy } from "./periods.js";

/** Parts may exceed the whole by rounding only. */
const ROUNDING = 1e-9;
/** At most this many entities get a composition of one total. */
const MAX_COMPOSITIONS = 8;

export function inferCompositions(pipeline: Pipeline): CompositionChoice[] {
  const out: CompositionChoice[] = [];
  for (const d of pipeline.derivations) {
    const f = parseFormula(d.formula);
    if (f.kind !== "binary" || f.op !== "/" || f.right.kind !== "number" || f.right.value !== 100) continue;
    const product = f.left;
    if (product.kind !== "binary" || product.op !== "*" || product.left.kind !== "ref" || product.right.kind !== "ref") continue;
    const [a, b] = [product.left.name, product.right.name];
    const unitOf = (code: string) => pipeline.indicators[code]?.unit;
    const part = unitOf(d.indicator);
    const whole = unitOf(a) === "percent" ? b : unitOf(b) === "percent" ? a : null;
    if (whole === null || part === undefined || unitOf(whole) !== part || unitInfo(part).kind === "percent") continue;
    const existing = out.find((c) => c.whole === whole);
    if (existing) out[out.indexOf(existing)] = { ...existing, parts: [...existing.parts, d.indicator] };
    else out.push({ whole, parts: [d.indicator] });
  }
  return out;
}

function matchPart(book: FigureBook, indicator: string, whole: ReportObservation): ReportObservation | null {
  const list = book.of(indicator, whole.country);
  const samePeriod = list.filter((o) => o.period === whole.period);
  const pool = samePeriod.length > 0 ? samePeriod : list.filter((o) => periodYear(o.period) === periodYear(whole.period));
  return pool.find((o) => o.method === "reported") ?? pool[0] ?? null;
}

/** The latest total by `period` (all of them when null) whose parts are all there, with its parts. */
function wholeWithParts(book: FigureBook, choice: CompositionChoice, code: string, period: string | null): { whole: ReportObservation; parts: ReportObservation[] } | null {
  const candidates = book.latestFirst(choice.whole, code).filter((o) => period === null || periodBy(o.period, period));
  for (const whole of candidates) {
    const parts = choice.parts.map((p) => matchPart(book, p, whole));
    if (parts.every((p) => p !== null)) return { whole, parts: parts as ReportObservation[] };
  }
  return null;
}

export function compositionCharts(
  pipeline: Pipeline,
  book: FigureBook,
  choices: readonly CompositionChoice[],
  notes: string[],
  entities: readonly { readonly code: string; readonly name: string }[],
  periodOf: (indicator: string) => string | null = () => null,
): CompositionChart[] {
  const charts: CompositionChart[] = [];
  const name = (code: string) => pipeline.indicators[code]?.name ?? code;
  for (const choice of choices) {
    const shown = entities.filter((e) => book.of(choice.whole, e.code).length > 0).slice(0, MAX_COMPOSITIONS);
    for (const country of shown) {
      const pair = wholeWithParts(book, choice, country.code, periodOf(choice.whole));
      if (!pair) continue;
      const { whole, parts: found } = pair;
      const sum = found.reduce((n, p) => n + p.value, 0);
      if (whole.value <= 0 || found.some((p) => p.value < 0)) continue;
      if (sum > whole.value * (1 + ROUNDING)) {
        const shown = found.map((p) => `${name(p.indicator)} ${formatAmount(p.value, p.unit).text}`).join(", ");
        notes.push(
          `${country.name}: the parts of ${name(choice.whole)} (${shown}) add up to more than the total ` +
            `(${formatAmount(whole.value, whole.unit).text}, ${whole.period}), so its composition is not drawn.`,
        );
        continue;
      }
      const slice = (label: string, value: number, derived: boolean, from: ReportObservation[]): CompositionPart => {
        const share = (value / whole.value) * 100;
        const amount = formatAmount(value, whole.unit).number;
        const marks = [...new Set(from.flatMap((o) => book.marksOf(o)))].sort((x, y) => x - y);
        return { name: label, value, share, label: `${amount} (${formatAmount(share, "percent").text})`, derived, markText: formatMarks(marks) };
      };
      const parts = found.map((p) => slice(name(p.indicator), p.value, p.method === "derived", [p]));
      // The rest is the whole minus its parts: it rests on the sources of all of them.
      const rest = slice(choice.otherLabel ?? "Other", Math.max(0, whole.value - sum), true, [whole, ...found]);
      charts.push({
        kind: "composition",
        title: `${country.name}: ${name(choice.whole)}, ${book.figure(whole).periodText}`,
        whole: book.figure(whole),
        wholeName: name(choice.whole),
        parts: [...parts, rest],
      });
    }
  }
  return charts;
}
