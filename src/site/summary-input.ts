/**
 * The thin adapter from what is published to the summary model (report/summary.ts), so the
 * site draws the figures and charts the PDF draws, chosen by the same code. The model is built
 * from a release's PublishContext during a run; here the same inputs are read back from the
 * release's files: the indicators, sources and licence from datapackage.json, the observations
 * from the data CSV (scan.ts, through the PDF's digest), the issues and accounting from
 * validation.json, the files from release.json.
 *
 * The model reads only a few fields of a pipeline definition (id, title, description, licence,
 * indicators, derivations); `modelPipeline` gives exactly those, from the published files. What
 * the rows do not say, which codes are groups (the World, regions) and the pdf target's options,
 * the model's basis says: summary.pdf carries it (report/basis.ts), so the page is the PDF's
 * model. A release without it (no PDF, or one published before the PDF carried it) gets the
 * model's defaults with every code a country, and the page says so. This file is the one place
 * to change when the model's input changes.
 */
import { isBuiltInUnit as isUnit } from "../figures/units.js";
import type { Issue } from "../contracts/issue.js";
import type { Pipeline } from "../contracts/definition.js";
import type { Source } from "../contracts/rows.js";
import type { SummaryModel } from "../report/model.js";
import { parseFormula } from "../figures/formula.js";
import { basisLookup, type SummaryBasis } from "../report/basis.js";
import { MAX_PER_CHART } from "../report/options.js";
import { buildSummary, type SummaryInput } from "../report/summary.js";
import { rawFilesOf, type PublishedDataset, type ValidationReport } from "./published.js";
import { licenseOf } from "./dataset-view.js";
import type { Scan } from "./scan.js";

function isDerivation(formula: string): boolean {
  try {
    parseFormula(formula);
    return true;
  } catch {
    return false;
  }
}

function modelPipeline(d: PublishedDataset, scan: Scan): Pipeline {
  const p = d.datapackage;
  const indicators = Object.fromEntries(
    p.indicators.filter((i) => isUnit(i.unit)).map((i) => [i.code, { name: i.name || i.code, unit: i.unit, description: i.description, ...(i.concept ? { concept: i.concept } : {}) }]),
  );
  // A derivation's formula (`a * b / 100`), not a group's aggregate (`sum(a)`): the model
  // describes the pipeline's derivations only, as the PDF does from the definition.
  const derivations = [...scan.formulas]
    .filter(([indicator]) => indicator in indicators)
    .flatMap(([indicator, formulas]) => [...formulas].filter(isDerivation).map((formula) => ({ indicator, formula })));
  const definition = {
    id: d.id,
    title: p.title || d.id,
    description: p.description,
    license: licenseOf(d) ?? { name: "", title: "", path: "" },
    indicators,
    derivations,
    checks: [],
    inputs: {},
    outputs: [],
    defined: true,
  };
  // The fields above are all the summary model reads of a pipeline (report/*.ts).
  return definition as unknown as Pipeline;
}

function sources(d: PublishedDataset): Source[] {
  return d.datapackage.sources.map((s) => ({
    sourceId: s.id,
    publisher: s.publisher,
    title: s.title,
    url: s.path,
    published: s.published,
    accessed: s.accessed,
    license: s.license,
    files: rawFilesOf(s),
  }));
}

/** What the release's PDF says of the model's basis: the basis, or why there is none (and
 *  whether the release has a PDF whose choices the page then may not repeat). */
export type BasisRead = { readonly basis: SummaryBasis } | { readonly missing: string; readonly pdf: boolean };

/** Builds the model, or says why it could not be built. */
export function summaryOf(d: PublishedDataset, scan: Scan, validation: ValidationReport | null, read: BasisRead): { model: SummaryModel | null; note: string | null } {
  const digest = scan.digest;
  const notes: string[] = [];
  // Without a PDF there are no options to repeat; which codes are groups matters once the model
  // must choose what to show (more entities than a chart holds).
  if ("missing" in read && (read.pdf || scan.entities.size > MAX_PER_CHART)) {
    notes.push(`${read.missing}: the figures and charts here are the summary's default choice, every code taken for a country.`);
  }
  const digestNote = digest.note();
  if (digestNote) notes.push(digestNote);
  if (scan.unknownUnits.size > 0) notes.push(`Rows in ${[...scan.unknownUnits].sort().join(", ")} are not drawn here (a unit the summary does not know yet); the data files hold them.`);
  const input: SummaryInput = {
    pipeline: modelPipeline(d, scan),
    sources: sources(d),
    release: { id: d.current.id, generatedAt: d.current.generatedAt },
    inputs: validation?.inputs ?? [],
    observations: digest.observations(),
    ...("basis" in read ? { entities: basisLookup(read.basis) } : {}),
    issues: (validation?.issues ?? []) as unknown as Issue[],
    files: d.current.files,
    totals: { reported: scan.reported, derived: scan.derived, errors: validation?.summary.errors ?? 0, warnings: validation?.summary.warnings ?? 0 },
    ...(digest.periods() ? { periods: digest.periods()! } : {}),
    ...(validation ? { counts: validation.summary.byCode.map((c) => ({ code: c.code, severity: c.severity === "error" ? ("error" as const) : ("warning" as const), count: c.count })) } : {}),
    ...(validation?.summary.examplesPerCode !== undefined ? { examplesPerCode: validation.summary.examplesPerCode } : {}),
  };
  try {
    return { model: buildSummary(input, "basis" in read ? read.basis.options : {}), note: notes.length > 0 ? notes.join(" ") : null };
  } catch (err) {
    return { model: null, note: `The summary could not be drawn from this release: ${err instanceof Error ? err.message : String(err)}.` };
  }
}
