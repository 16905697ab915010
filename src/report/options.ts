/**
 * What a pipeline may say about its summary. Every choice has a default worked out from the
 * data's shape (see selection.ts, headlines.ts, composition.ts), so a pipeline that says nothing
 * still gets a report that fits its data; each option overrides one choice. Options are checked
 * when the target is created, not when the first report is drawn.
 */
export interface HeadlineChoice {
  /** An entity code: a country ("KEN") or a group ("WLD"). */
  readonly country: string;
  readonly indicator: string;
}

export interface CompositionChoice {
  /** The indicator that is the total, e.g. data_subscriptions. */
  readonly whole: string;
  /** Indicators that are parts of it, e.g. broadband_subscriptions; the rest is drawn as "other". */
  readonly parts: readonly string[];
  /** Label of the remainder (default "Other"). */
  readonly otherLabel?: string;
}

export interface SummaryOptions {
  /** Three to six figures for the title page; default: chosen from the data (headlines.ts). */
  readonly headlines?: readonly HeadlineChoice[];
  /** Totals and their parts; default: inferred from derivations of the form `whole * share / 100`. */
  readonly compositions?: readonly CompositionChoice[];
  /** Entities the report is about (codes, at most MAX_PER_CHART): headlines, the table, the
   *  comparisons and the time series show these, and the distribution marks them. */
  readonly featured?: readonly string[];
  /** The set of groups a release with many entities is compared on (codes, at most
   *  MAX_PER_CHART); default: the World and the regions, when the entities say which they are. */
  readonly groups?: readonly string[];
  /** With many entities and no featured entities or groups: how many of the highest and of the
   *  lowest are compared (default 5). */
  readonly topBottom?: number;
  /** The period of the headlines, comparisons and distribution is the latest one with figures
   *  for at least this share of the entities of the best-covered period (default "80%"). */
  readonly coverage?: `${number}%`;
  /** Or that period itself, for every indicator ("2020"). */
  readonly period?: string;
  /** Indicators whose whole distribution gets a page (default: every indicator with more
   *  entities than a chart holds); [] for none. */
  readonly distribution?: readonly string[];
  /** A compact appendix with every entity's latest figure and its year, per indicator (default false). */
  readonly appendix?: boolean;
}

/** Every option, as the table of docs/pdf.md lists them. */
export const SUMMARY_OPTIONS = ["headlines", "compositions", "featured", "groups", "topBottom", "coverage", "period", "distribution", "appendix"] as const;

const MIN_HEADLINES = 3;
export const MAX_HEADLINES = 6;
/** At most this many entities in one comparison chart. */
export const MAX_PER_CHART = 15;
export const DEFAULT_TOP_BOTTOM = 5;
const DEFAULT_COVERAGE = 0.8;

const CODE = /^[a-z][a-z0-9_]*$/;
/** As figures/entities.ts declares entity codes: "KEN", "WLD", "OWID_WRL". */
const ENTITY = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
const PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const PERCENT = /^(\d+(\.\d+)?)%$/;

/** The coverage option as a share (0.8 for "80%"). */
export function coverageShare(o: SummaryOptions): number {
  const m = o.coverage === undefined ? null : PERCENT.exec(o.coverage);
  return m ? Number(m[1]) / 100 : DEFAULT_COVERAGE;
}

function codeList(problems: string[], name: string, list: readonly string[] | undefined): void {
  if (list === undefined) return;
  if (list.length === 0 || list.length > MAX_PER_CHART) problems.push(`${name}: expected 1 to ${MAX_PER_CHART} entity codes, got ${list.length}`);
  list.forEach((c, i) => {
    if (!ENTITY.test(c)) problems.push(`${name}[${i}]: expected an entity code such as "KEN" or "WLD", got ${JSON.stringify(c)}`);
  });
  const twice = list.filter((c, i) => list.indexOf(c) !== i);
  if (twice.length > 0) problems.push(`${name}: ${JSON.stringify(twice[0])} is listed twice`);
}

/** Every problem with the options, as sentences; empty when they are fine. `also` names the
 *  target's own options (the pdf target's `file`), which are not unknown. */
export function summaryOptionProblems(o: SummaryOptions, also: readonly string[] = []): string[] {
  const problems: string[] = [];
  const known = new Set<string>([...SUMMARY_OPTIONS, ...also]);
  for (const key of Object.keys(o)) if (!known.has(key)) problems.push(`${key}: unknown option (known: ${[...known].join(", ")})`);
  if (o.headlines !== undefined) {
    const n = o.headlines.length;
    if (n < MIN_HEADLINES || n > MAX_HEADLINES) {
      problems.push(`headlines: expected ${MIN_HEADLINES} to ${MAX_HEADLINES} figures, got ${n}`);
    }
    o.headlines.forEach((h, i) => {
      if (!ENTITY.test(h.country)) problems.push(`headlines[${i}].country: expected an entity code such as "KEN" or "WLD", got ${JSON.stringify(h.country)}`);
      if (!CODE.test(h.indicator)) problems.push(`headlines[${i}].indicator: expected an indicator code, got ${JSON.stringify(h.indicator)}`);
    });
  }
  o.compositions?.forEach((c, i) => {
    if (!CODE.test(c.whole)) problems.push(`compositions[${i}].whole: expected an indicator code, got ${JSON.stringify(c.whole)}`);
    if (c.parts.length === 0) problems.push(`compositions[${i}].parts: at least one part is required`);
    for (const p of c.parts) {
      if (!CODE.test(p)) problems.push(`compositions[${i}].parts: expected indicator codes, got ${JSON.stringify(p)}`);
      if (p === c.whole) problems.push(`compositions[${i}].parts: ${JSON.stringify(p)} is the whole itself`);
    }
  });
  codeList(problems, "featured", o.featured);
  codeList(problems, "groups", o.groups);
  const most = Math.floor(MAX_PER_CHART / 2);
  if (o.topBottom !== undefined && !(Number.isInteger(o.topBottom) && o.topBottom >= 1 && o.topBottom <= most)) {
    problems.push(`topBottom: expected a whole number from 1 to ${most} (twice that many bars in a chart), got ${JSON.stringify(o.topBottom)}`);
  }
  if (o.coverage !== undefined) {
    const m = PERCENT.exec(String(o.coverage));
    if (!m || Number(m[1]) <= 0 || Number(m[1]) > 100) problems.push(`coverage: expected a share such as "80%" (above 0%, at most 100%), got ${JSON.stringify(o.coverage)}`);
  }
  if (o.period !== undefined && !PERIOD.test(o.period)) problems.push(`period: expected a period such as "2020" or "2020-12", got ${JSON.stringify(o.period)}`);
  o.distribution?.forEach((c, i) => {
    if (!CODE.test(c)) problems.push(`distribution[${i}]: expected an indicator code, got ${JSON.stringify(c)}`);
  });
  if (o.appendix !== undefined && typeof o.appendix !== "boolean") problems.push(`appendix: expected true or false, got ${JSON.stringify(o.appendix)}`);
  return problems;
}
