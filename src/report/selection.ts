/**
 * What the report shows, chosen from the data's shape; each choice can be overridden by the
 * target's options (options.ts). A chart holds at most MAX_PER_CHART entities, so:
 * - a release with that few entities shows every one ("all": the seed, two countries);
 * - else the featured entities, when the options name them;
 * - else one declared set of groups: the options' `groups`, or the World and the regions when
 *   the entities say which they are (never all 48 World Bank aggregates);
 * - else the highest and lowest N by each indicator's figures ("top-bottom").
 *
 * With many entities a figure is compared in one period per indicator: the latest period with
 * figures for most of the countries (coverage ≥ 80% of the best-covered period's, by default),
 * so a chart never sets one country's 1995 against another's 2020 unannounced. The options may
 * pin the period instead.
 */
import type { Pipeline } from "../contracts/definition.js";
import type { Entities, EntityInfo } from "./entities.js";
import type { FigureBook } from "./figures.js";
import { formatPeriod } from "./format.js";
import type { CountryRef, Selection } from "./model.js";
import { coverageShare, DEFAULT_TOP_BOTTOM, MAX_PER_CHART, type SummaryOptions } from "./options.js";
import { periodPosition } from "./periods.js";

export interface PeriodChoice {
  readonly period: string;
  /** Why this period: "201 of 215 countries have a figure; 2021 has 95", "as the pipeline asks". */
  readonly reason: string;
  /** The same, short enough for a headline's card: "The latest year with figures for most countries." */
  readonly why: string;
}

export interface Plan {
  readonly mode: Selection["mode"];
  /** The entities shown (featured, all or groups); empty for top-bottom. */
  readonly shown: readonly EntityInfo[];
  /** Per indicator: the period compared, or null for each entity's latest. */
  readonly periods: ReadonlyMap<string, PeriodChoice | null>;
  readonly topBottom: number;
  /** The entities ranked and counted: the countries, or every entity when none is a country. */
  readonly ranked: ReadonlySet<string>;
  /** Indicators with a page for their whole distribution. */
  readonly distribution: readonly string[];
  readonly entities: Entities;
}

export function ref(e: EntityInfo): CountryRef {
  return { code: e.code, name: e.name, kind: e.kind };
}

/** "year" for a year ("2020"), else "period" ("2020-12"). */
function unitOf(period: string): string {
  return period.length === 4 ? "year" : "period";
}

/** The latest period whose coverage is at least `share` of the best-covered period's. */
export function choosePeriod(book: FigureBook, indicator: string, ranked: ReadonlySet<string>, share: number, noun: string): PeriodChoice | null {
  const counts = book.coverage(indicator, ranked);
  if (counts.size === 0) return null;
  const best = Math.max(...counts.values());
  const periods = [...counts.keys()].sort((a, b) => periodPosition(b) - periodPosition(a));
  const chosen = periods.find((p) => counts.get(p)! >= share * best)!;
  const total = book.countriesWith(indicator).filter((c) => ranked.has(c.code)).length;
  const later = periods.filter((p) => periodPosition(p) > periodPosition(chosen)).map((p) => `${formatPeriod(p)} has ${counts.get(p)}`);
  const laterText = later.length > 0 ? `; ${later.slice(0, 2).join(", ")}${later.length > 2 ? ", \u2026" : ""}` : "";
  return { period: chosen, reason: `${counts.get(chosen)} of ${total} ${noun} have a figure${laterText}`, why: `The latest ${unitOf(chosen)} with figures for most ${noun}.` };
}

export function planSelection(pipeline: Pipeline, book: FigureBook, entities: Entities, options: SummaryOptions, notes: string[]): Plan {
  const all = entities.all();
  const countries = entities.countries();
  const ranked = new Set((countries.length > 0 ? countries : all).map((e) => e.code));
  const noun = countries.length > 0 ? "countries" : "entities";
  const present = (codes: readonly string[], option: string) => {
    const found = codes.map((c) => entities.get(c)).filter((e): e is EntityInfo => e !== undefined);
    const missing = codes.filter((c) => !entities.get(c));
    if (missing.length > 0)
      notes.push(
        `The ${option} entit${missing.length === 1 ? "y" : "ies"} ${missing.join(", ")} ${missing.length === 1 ? "was" : "were"} asked for, but the release has no figures for ${missing.length === 1 ? "it" : "them"}.`,
      );
    return found;
  };

  let mode: Selection["mode"];
  let shown: EntityInfo[] = [];
  const featured = options.featured ? present(options.featured, "featured") : [];
  if (featured.length > 0) [mode, shown] = ["featured", featured];
  else if (all.length <= MAX_PER_CHART) [mode, shown] = ["all", all];
  else {
    const groups = options.groups ? present(options.groups, "groups") : entities.defaultGroups();
    if (groups.length > 0) [mode, shown] = ["groups", groups];
    else mode = "top-bottom";
  }

  const periods = new Map<string, PeriodChoice | null>();
  for (const indicator of Object.keys(pipeline.indicators)) {
    if (mode === "all") periods.set(indicator, null);
    else if (options.period !== undefined) periods.set(indicator, { period: options.period, reason: "as the pipeline asks", why: `The ${unitOf(options.period)} the pipeline asks for.` });
    else periods.set(indicator, choosePeriod(book, indicator, ranked, coverageShare(options), noun));
  }

  // A distribution page is for an indicator with more entities than a chart holds.
  const many = (indicator: string) => book.countriesWith(indicator).filter((c) => ranked.has(c.code)).length > MAX_PER_CHART;
  const distribution =
    options.distribution?.filter((i) => {
      if (pipeline.indicators[i] !== undefined && book.countriesWith(i).length > 0) return true;
      notes.push(`A distribution page for ${i} was asked for, but the release has no figures of that indicator.`);
      return false;
    }) ?? Object.keys(pipeline.indicators).filter((i) => mode !== "all" && many(i));

  return { mode, shown, periods, topBottom: options.topBottom ?? DEFAULT_TOP_BOTTOM, ranked, distribution, entities };
}

/** The names of a list, shortened past `most`: "World, East Asia & Pacific and 6 more". */
function names(list: readonly EntityInfo[], most = 4): string {
  const n = list.map((e) => e.name);
  if (n.length <= most) return n.length <= 1 ? (n[0] ?? "") : `${n.slice(0, -1).join(", ")} and ${n.at(-1)}`;
  return `${n.slice(0, most).join(", ")} and ${n.length - most} more`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the charts show and leave out, in words; where the rest is. */
export function selectionNote(plan: Plan, groupsTitle: string): string | null {
  if (plan.mode === "all") return null;
  const countries = plan.entities.countries().length;
  const groups = plan.entities.groups().length;
  const where =
    plan.distribution.length > 0
      ? `every ${countries > 0 ? "country" : "entity"} is ranked on the distribution pages below, and every figure is in indicators.csv`
      : "every figure is in indicators.csv";
  if (plan.mode === "top-bottom") {
    const all = countries > 0 ? count(countries, "country", "countries") : count(plan.entities.all().length, "entity", "entities");
    return `The release has ${all}: too many for one chart. Comparisons show the ${plan.topBottom} highest and the ${plan.topBottom} lowest on each indicator, and the time series follow them; ${where}.`;
  }
  const shownCountries = plan.shown.filter((e) => e.kind === "country").length;
  const shownGroups = plan.shown.length - shownCountries;
  const left = [
    countries - shownCountries > 0 ? (shownCountries > 0 ? count(countries - shownCountries, "other country", "other countries") : `the ${count(countries, "country", "countries")}`) : "",
    groups - shownGroups > 0 ? (shownGroups > 0 ? count(groups - shownGroups, "other group", "other groups") : `the ${count(groups, "group", "groups")}`) : "",
  ].filter(Boolean);
  const leftText = left.length > 0 ? ` Left out of them: ${left.join(" and ")}; ${where}.` : "";
  const what = plan.mode === "featured" ? `the featured ${plan.shown.length === 1 ? "entity" : "entities"}` : groupsTitle.replace(/^The/, "the");
  return `The charts show ${what}: ${names(plan.shown, 15)}.${leftText}`;
}
