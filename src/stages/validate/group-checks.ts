/**
 * Runs the group checks (scopes "key" and "country") of one input on a group of its rows and
 * returns the rows they reject. Key checks see each set of rows sharing country, indicator and
 * period; country checks then see the rows of the group that survived them. An error on a row
 * (with --strict, any issue: the log makes warnings errors) rejects it.
 */
import type { IssueLog } from "../../pipeline/issue-log.js";
import { rowId, type Issue } from "../../pipeline/issue.js";
import type { Pipeline, ValidRow } from "../../pipeline/types.js";
import type { Check, CheckContext } from "./checks/check.js";

export function groupChecksOf(pipeline: Pipeline, input: string, scope: "key" | "country"): Check[] {
  return pipeline.checks.filter((c) => c.input === input && c.scope === scope);
}

/** Records issues; an error located on a row (file and line) rejects it. */
function record(issues: readonly Issue[], log: IssueLog, rejected: Set<string>): void {
  for (const i of issues) {
    const added = log.add(i);
    if (added.severity === "error" && added.line !== null) rejected.add(rowId(added.file, added.line));
  }
}

/** Runs the checks on one group; returns the ids (rowId) of the rows they reject. */
export function checkGroup(checks: readonly Check[], rows: readonly ValidRow[], ctx: CheckContext, log: IssueLog): Set<string> {
  const rejected = new Set<string>();
  if (rows.length === 0) return rejected;
  for (const check of checks) record(check.checkGroup?.(rows, ctx) ?? [], log, rejected);
  return rejected;
}

/** For an input held whole (sources): key checks, then country checks on the rows that stay.
 *  Returns the ids of the rows rejected by either. */
export function runGroupChecks(pipeline: Pipeline, input: string, rows: readonly ValidRow[], ctx: CheckContext, log: IssueLog): Set<string> {
  const rejected = checkGroup(groupChecksOf(pipeline, input, "key"), rows, ctx, log);
  const afterKey = rejected.size === 0 ? rows : rows.filter((r) => !rejected.has(rowId(r.file, r.line)));
  for (const id of checkGroup(groupChecksOf(pipeline, input, "country"), afterKey, ctx, log)) rejected.add(id);
  return rejected;
}
