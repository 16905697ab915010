/**
 * The figures in large type on the first page. A pipeline may name them; otherwise they follow
 * the selection (selection.ts):
 * - few entities: the latest figures as reported (never our own derivations), taking countries
 *   in turn and indicators in the order the pipeline declares them, so every country is seen;
 * - featured entities: theirs, in turn;
 * - groups: the first group (the World) on every indicator, then the highest and lowest of the
 *   other groups on the first indicator;
 * - otherwise the highest and the lowest entity on each indicator.
 * With many entities every headline is of its indicator's chosen period, and the note says
 * which period that is and why.
 */
import type { Pipeline } from "../contracts/definition.js";
import type { EntityInfo } from "./entities.js";
import type { FigureBook, ReportObservation } from "./figures.js";
import { formatPeriod } from "./format.js";
import type { Headline } from "./model.js";
import { MAX_HEADLINES, type HeadlineChoice } from "./options.js";
import { periodPosition } from "./periods.js";
import type { Plan } from "./selection.js";

interface Chosen {
  readonly o: ReportObservation;
  readonly label?: string;
  readonly colour: number;
}

export function chooseHeadlines(pipeline: Pipeline, book: FigureBook, plan: Plan, chosen: readonly HeadlineChoice[] | undefined, notes: string[]): { headlines: Headline[]; note: string | null } {
  const periodOf = (indicator: string) => plan.periods.get(indicator)?.period ?? null;
  const colourOf = (code: string) => {
    const i = plan.shown.findIndex((e) => e.code === code);
    return Math.max(i, 0);
  };
  let picks: Chosen[];
  if (chosen) {
    picks = [];
    for (const c of chosen) {
      const o = book.bestBy(c.indicator, c.country, periodOf(c.indicator));
      if (!o) notes.push(`The headline figure ${c.indicator} for ${c.country} was asked for, but the release has no such figure.`);
      else picks.push({ o, colour: colourOf(c.country) });
    }
  } else if (plan.mode === "all") {
    picks = everyCountryInTurn(pipeline, book).map((c) => ({ o: book.best(c.indicator, c.country)!, colour: colourOf(c.country) }));
  } else if (plan.mode === "featured") {
    picks = inTurn(pipeline, book, plan.shown, periodOf).map((o) => ({ o, colour: colourOf(o.country) }));
  } else if (plan.mode === "groups") {
    picks = leadAndExtremes(pipeline, book, plan.shown, periodOf).map((p) => ({ ...p, colour: colourOf(p.o.country) }));
  } else {
    picks = highestAndLowest(pipeline, book, plan, periodOf);
  }
  const headlines = picks.map((p) => ({ countryName: p.o.countryName, label: p.label ?? p.o.indicatorName, figure: book.figure(p.o), colour: p.colour, context: cardContext(book, plan, p.o) }));
  return { headlines, note: chosen || plan.mode === "all" ? null : periodNote(pipeline, plan, headlines) };
}

/** Why a headline is of its year, on its card; and the entity's later figure, when it has one
 *  (the World's 2020 share beside the 2017 compared), so the card never hides a newer figure. */
function cardContext(book: FigureBook, plan: Plan, o: ReportObservation): string | null {
  const choice = plan.periods.get(o.indicator);
  if (!choice) return null;
  const latest = book.best(o.indicator, o.country);
  const later = latest && periodPosition(latest.period) > periodPosition(o.period) ? ` Latest figure: ${book.figure(latest).number} in ${formatPeriod(latest.period)}.` : "";
  return `${choice.why}${later}`;
}

/**
 * Which period the headlines are of, and why: "Figures of 2020, the latest year with good
 * coverage (201 of 215 countries have a figure; 2021 has 95)." With indicators of different
 * periods, each period is named with its indicators.
 */
function periodNote(pipeline: Pipeline, plan: Plan, headlines: readonly Headline[]): string | null {
  const byPeriod = new Map<string, { indicators: string[]; reason: string }>();
  for (const indicator of new Set(headlines.map((h) => h.figure.indicator))) {
    const c = plan.periods.get(indicator);
    if (!c) continue;
    const entry = byPeriod.get(c.period) ?? { indicators: [], reason: c.reason };
    entry.indicators.push(pipeline.indicators[indicator]?.name ?? indicator);
    byPeriod.set(c.period, entry);
  }
  if (byPeriod.size === 0) return null;
  const pinned = [...byPeriod.values()].every((e) => e.reason === "as the pipeline asks");
  const unit = (p: string) => (p.length === 4 ? "year" : "period");
  if (byPeriod.size === 1) {
    const [period, e] = [...byPeriod][0]!;
    return pinned ? `Figures of ${formatPeriod(period)}, as the pipeline asks.` : `Figures of ${formatPeriod(period)}, the latest ${unit(period)} with good coverage (${e.reason}).`;
  }
  const parts = [...byPeriod].map(([period, e]) => `${formatPeriod(period)} for ${list(e.indicators)} (${e.reason})`);
  return `Each figure is of its indicator's latest period with good coverage: ${parts.join("; ")}.`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The figure to headline for an entity: reported if it has one by the period, else derived. */
function headlineFigure(book: FigureBook, indicator: string, code: string, period: string | null): ReportObservation | null {
  return book.bestBy(indicator, code, period);
}

function inTurn(pipeline: Pipeline, book: FigureBook, shown: readonly EntityInfo[], periodOf: (i: string) => string | null): ReportObservation[] {
  const queues = shown.map((e) =>
    Object.keys(pipeline.indicators)
      .map((i) => headlineFigure(book, i, e.code, periodOf(i)))
      .filter((o): o is ReportObservation => o !== null),
  );
  const picked: ReportObservation[] = [];
  for (let round = 0; picked.length < MAX_HEADLINES && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && picked.length < MAX_HEADLINES) picked.push(q[round]!);
  }
  return picked;
}

/** "regions", "income groups", or "groups" when they are of several kinds. */
function groupsNoun(groups: readonly EntityInfo[]): string {
  const kinds = new Set(groups.map((g) => g.kind));
  if (kinds.size !== 1) return "groups";
  return kinds.has("region") ? "regions" : kinds.has("income-group") ? "income groups" : kinds.has("country") ? "countries" : "groups";
}

function leadAndExtremes(pipeline: Pipeline, book: FigureBook, shown: readonly EntityInfo[], periodOf: (i: string) => string | null): { o: ReportObservation; label?: string }[] {
  const [lead, ...rest] = shown;
  if (!lead) return [];
  const indicators = Object.keys(pipeline.indicators);
  const picked: { o: ReportObservation; label?: string }[] = indicators
    .map((i) => headlineFigure(book, i, lead.code, periodOf(i)))
    .filter((o): o is ReportObservation => o !== null)
    .slice(0, MAX_HEADLINES)
    .map((o) => ({ o }));
  const first = picked[0]?.o.indicator;
  if (first === undefined || picked.length > MAX_HEADLINES - 2) return picked;
  const others = rest
    .map((e) => headlineFigure(book, first, e.code, periodOf(first)))
    .filter((o): o is ReportObservation => o !== null)
    .sort((a, b) => b.value - a.value);
  if (others.length >= 2) {
    const name = pipeline.indicators[first]!.name;
    const of = `${others.length} ${groupsNoun(rest.filter((e) => others.some((o) => o.country === e.code)))}`;
    picked.push({ o: others[0]!, label: `${name}: the highest of ${of}` }, { o: others.at(-1)!, label: `${name}: the lowest of ${of}` });
  }
  return picked;
}

function highestAndLowest(pipeline: Pipeline, book: FigureBook, plan: Plan, periodOf: (i: string) => string | null): Chosen[] {
  const picks: Chosen[] = [];
  for (const indicator of Object.keys(pipeline.indicators)) {
    if (picks.length + 2 > MAX_HEADLINES) break;
    const ranked = [...plan.ranked]
      .map((code) => headlineFigure(book, indicator, code, periodOf(indicator)))
      .filter((o): o is ReportObservation => o !== null)
      .sort((a, b) => b.value - a.value || (a.country < b.country ? -1 : 1));
    if (ranked.length < 2) continue;
    const name = pipeline.indicators[indicator]!.name;
    picks.push({ o: ranked[0]!, label: `${name}: the highest of ${ranked.length}`, colour: 0 }, { o: ranked.at(-1)!, label: `${name}: the lowest of ${ranked.length}`, colour: 5 });
  }
  return picks;
}

function everyCountryInTurn(pipeline: Pipeline, book: FigureBook): HeadlineChoice[] {
  const queues = book.countries.map((c) =>
    Object.keys(pipeline.indicators)
      .filter((indicator) => book.best(indicator, c.code, "reported") !== null)
      .map((indicator) => ({ country: c.code, indicator })),
  );
  const picked: HeadlineChoice[] = [];
  for (let round = 0; picked.length < MAX_HEADLINES && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const next = q[round];
      if (next && picked.length < MAX_HEADLINES) picked.push(next);
    }
  }
  // Shown grouped by country (one row of the grid each), in the declared order within it.
  const countryOrder = book.countries.map((c) => c.code);
  const indicatorOrder = Object.keys(pipeline.indicators);
  return picked.sort((a, b) => countryOrder.indexOf(a.country) - countryOrder.indexOf(b.country) || indicatorOrder.indexOf(a.indicator) - indicatorOrder.indexOf(b.indicator));
}
