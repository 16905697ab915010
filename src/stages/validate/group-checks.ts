/**
 * Runs the group checks (scopes "key" and "country") of one input on a group of its rows and
 * returns the rows that stay. Key checks see each set of rows sharing country, indicator and
 * period; country checks then see the rows of the group that survived them. An error on a row
 * (with --strict, any issue: the log makes warnings errors) rejects it.
 */
import type { IssueLog } from "../../pipeline/issue-log.js";
import type { Issue } from "../../pipeline/issue.js";
import type { Pipeline, ValidRow } from "../../pipeline/types.js";
import type { Check, CheckContext } from "./checks/check.js";

export function groupChecksOf(pipeline: Pipeline, input: string, scope: "key" | "country"): Check[] {
  return pipeline.checks.filter((c) => c.input === input && c.scope === scope);
}

/** Records issues; an error located on a row (file and line) rejects it. */
function record(issues: readonly Issue[], log: IssueLog, rejected: Set<string>): void {
  for (const i of issues) {
    const added = log.add(i);
    if (added.severity === "error" && added.line !== null) rejected.add(`${added.file}:${added.line}`);
  }
}

export function checkGroup(checks: readonly Check[], rows: readonly ValidRow[], ctx: CheckContext, log: IssueLog): ValidRow[] {
  if (checks.length === 0 || rows.length === 0) return [...rows];
  const rejected = new Set<string>();
  for (const check of checks) record(check.checkGroup?.(rows, ctx) ?? [], log, rejected);
  return rejected.size === 0 ? [...rows] : rows.filter((r) => !rejected.has(`${r.file}:${r.line}`));
}

/** For an input held whole (sources): key checks, then country checks, on every row. */
export function runGroupChecks(pipeline: Pipeline, input: string, rows: readonly ValidRow[], ctx: CheckContext, log: IssueLog): ValidRow[] {
  const afterKey = checkGroup(groupChecksOf(pipeline, input, "key"), rows, ctx, log);
  return checkGroup(groupChecksOf(pipeline, input, "country"), afterKey, ctx, log);
}
