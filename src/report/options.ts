/**
 * What a pipeline may say about its summary: which figures to put in large type on the first
 * page and which totals to draw as compositions. Both have defaults worked out from the data
 * (see headlines.ts and composition.ts), so a pipeline that says nothing still gets a report.
 * Options are checked when the target is created, not when the first report is drawn.
 */
export interface HeadlineChoice {
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
  /** Three to six figures for the title page; default: chosen from the latest reported figures. */
  readonly headlines?: readonly HeadlineChoice[];
  /** Totals and their parts; default: inferred from derivations of the form `whole * share / 100`. */
  readonly compositions?: readonly CompositionChoice[];
}

const MIN_HEADLINES = 3;
export const MAX_HEADLINES = 6;

const CODE = /^[a-z][a-z0-9_]*$/;
const COUNTRY = /^[A-Z]{3}$/;

/** Every problem with the options, as sentences; empty when they are fine. */
export function summaryOptionProblems(o: SummaryOptions): string[] {
  const problems: string[] = [];
  if (o.headlines !== undefined) {
    const n = o.headlines.length;
    if (n < MIN_HEADLINES || n > MAX_HEADLINES) {
      problems.push(`headlines: expected ${MIN_HEADLINES} to ${MAX_HEADLINES} figures, got ${n}`);
    }
    o.headlines.forEach((h, i) => {
      if (!COUNTRY.test(h.country)) problems.push(`headlines[${i}].country: expected an ISO alpha-3 code such as "KEN", got ${JSON.stringify(h.country)}`);
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
  return problems;
}
