/**
 * The data-quality section: what came in, what was published and rejected per input, the files
 * of the release, and the issues in words. Warnings are printed whatever their code: the section
 * reads a code's title from the one list of codes and prints the message as the check wrote it,
 * so a check added later shows up here without a change. A run keeps the first hundred issues of
 * each code (pipeline/issue-log.ts), and a thousand copies of one warning help no reader: past
 * those, the section says how many of each kind it leaves out and how many validation.json lists
 * (its `reportExamples`). Rejected rows are printed up to a limit; the rest are counted, and
 * rejects.csv has every one.
 */
import { ISSUE_CODES } from "../contracts/codes.js";
import type { Issue } from "../contracts/issue.js";
import type { PublishContext, PublishedFile } from "../contracts/target.js";
import type { QualityIssue, QualitySection } from "./model.js";

export const MAX_ERRORS_SHOWN = 50;

function codeTitle(code: string): string {
  const info = (ISSUE_CODES as Record<string, { title: string } | undefined>)[code];
  return info?.title ?? code;
}

function toQuality(i: Issue, ref: string): QualityIssue {
  return { ref, severity: i.severity, code: i.code, title: codeTitle(i.code), message: i.message };
}

function isWarning(i: Issue): boolean {
  return i.severity !== "error";
}

/**
 * Warning labels by the row they are about ("figures.csv:3" → ["W1"]), so a figure printed from
 * that row can point to what was found wrong with it.
 */
export function warningRefs(issues: readonly Issue[]): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  issues.filter(isWarning).forEach((i, n) => {
    if (i.file === null || i.line === null) return;
    const key = `${i.file}:${i.line}`;
    refs.set(key, [...(refs.get(key) ?? []), `W${n + 1}`]);
  });
  return refs;
}

/** What the section is drawn from: the fields of the summary's input it reads (summary.ts passes
 *  its SummaryInput as it is; a type of its own keeps the two files from importing each other). */
type QualityInput = Pick<PublishContext, "inputs"> & {
  readonly issues: readonly Issue[];
  readonly files: readonly PublishedFile[];
  readonly totals: { readonly reported: number; readonly derived: number; readonly errors: number; readonly warnings: number };
  readonly counts?: readonly { code: string; severity: "error" | "warning"; count: number }[];
  readonly examplesPerCode?: number;
};

export function qualitySection(ctx: QualityInput, notes: readonly string[]): QualitySection {
  const errors = ctx.issues.filter((i) => !isWarning(i));
  const warnings = ctx.issues.filter(isWarning);
  const shownErrors = errors.slice(0, MAX_ERRORS_SHOWN);
  const shownWarnings = new Map<string, number>();
  for (const w of warnings) shownWarnings.set(w.code, (shownWarnings.get(w.code) ?? 0) + 1);
  const warningsNotShown = (ctx.counts ?? [])
    .filter((c) => c.severity !== "error")
    .map((c) => ({ code: c.code, title: codeTitle(c.code), count: c.count - (shownWarnings.get(c.code) ?? 0) }))
    .filter((c) => c.count > 0);
  return {
    inputs: ctx.inputs.map((i) => ({ file: i.file, rowsIn: i.rowsIn, rowsPublished: i.rowsPublished, rowsRejected: i.rowsRejected })),
    files: ctx.files.map((f) => ({ file: f.file, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
    observations: { reported: ctx.totals.reported, derived: ctx.totals.derived },
    errors: ctx.totals.errors,
    warnings: ctx.totals.warnings,
    issues: [...shownErrors.map((i) => toQuality(i, "")), ...warnings.map((i, n) => toQuality(i, `W${n + 1}`))],
    notShown: ctx.totals.errors - shownErrors.length,
    warningsNotShown,
    listedPerCode: ctx.examplesPerCode ?? null,
    notes,
  };
}
