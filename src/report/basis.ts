/**
 * What a summary model was chosen by beyond the published rows: which codes are groups (the
 * World, regions, income groups, other aggregates) with their members, and the pdf target's
 * options. The rows alone do not say either: indicators.csv publishes WLD beside KEN, and a
 * pipeline's options are code. The pdf target records the basis in summary.pdf (pdf/basis.ts,
 * its XMP metadata), and the site reads it back from there (site/summary-input.ts), so a
 * dataset's page builds the very model its PDF drew: same headlines, periods and charts.
 *
 * Entities not listed are countries, as the model takes a code it knows nothing about.
 */
import { z } from "zod";
import type { Entities, EntityInfo, EntityLookup } from "./entities.js";
import { SUMMARY_OPTIONS, summaryOptionProblems, type SummaryOptions } from "./options.js";

export interface SummaryBasis {
  /** Every entity of the release that is not a country, with its kind and members. */
  readonly entities: readonly { readonly code: string; readonly kind: Exclude<EntityInfo["kind"], "country">; readonly members?: readonly string[] }[];
  /** The options the model was built with (SUMMARY_OPTIONS only, not the target's file name). */
  readonly options: SummaryOptions;
}

export function summaryBasis(entities: Entities, options: SummaryOptions): SummaryBasis {
  const groups = entities.groups().map((g) => ({ code: g.code, kind: g.kind as SummaryBasis["entities"][number]["kind"], ...(g.members ? { members: [...g.members] } : {}) }));
  const chosen = Object.fromEntries(SUMMARY_OPTIONS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]])) as SummaryOptions;
  return { entities: groups, options: chosen };
}

/** The basis's entities as the model looks them up; a code not listed is a country. */
export function basisLookup(basis: SummaryBasis): EntityLookup {
  const byCode = new Map(basis.entities.map((e) => [e.code, e]));
  return {
    get(code) {
      const e = byCode.get(code);
      return e ? { code, name: code, kind: e.kind, ...(e.members ? { members: e.members } : {}) } : undefined;
    },
  };
}

const BASIS = z
  .object({
    entities: z.array(z.object({ code: z.string(), kind: z.enum(["region", "income-group", "aggregate"]), members: z.array(z.string()).optional() }).strict()),
    options: z.record(z.string(), z.unknown()),
  })
  .strict();

/** The basis from its JSON text, checked; a reason when it cannot be used. */
export function parseBasis(text: string): { basis: SummaryBasis } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problem: `it is not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const parsed = BASIS.safeParse(json);
  if (!parsed.success) return { problem: z.prettifyError(parsed.error).replace(/\s+/g, " ") };
  const options = parsed.data.options as SummaryOptions;
  const problems = summaryOptionProblems(options);
  if (problems.length > 0) return { problem: problems.join("; ") };
  return { basis: { entities: parsed.data.entities.map((e) => ({ code: e.code, kind: e.kind, ...(e.members ? { members: e.members } : {}) })), options } };
}
