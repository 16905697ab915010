/**
 * Runs the group checks (scopes "key" and "country") of one input on a group of its rows and
 * returns the rows they reject. Key checks see each set of rows sharing country, indicator and
 * period; country checks then see the rows of the group that survived them. An error on a row
 * (with --strict, any issue: the log makes warnings errors) rejects it; on a table cell (the
 * issue's field is its column), that cell.
 */
import { issuePlaces, placeId, type Issue, type IssueSink } from "../../contracts/issue.js";
import type { Pipeline } from "../../contracts/definition.js";
import type { ValidRow } from "../../contracts/rows.js";
import type { Check, CheckContext } from "../../contracts/check.js";

export function groupChecksOf(pipeline: Pipeline, input: string, scope: "key" | "country"): Check[] {
  return pipeline.checks.filter((c) => c.input === input && c.scope === scope);
}

/** Records issues; an error located on a row (file and line) or a cell (and column) rejects it. */
function record(issues: readonly Issue[], log: IssueSink, rejected: Set<string>): void {
  for (const i of issues) {
    const added = log.add(i);
    if (added.severity === "error" && added.line !== null) for (const p of issuePlaces(added)) rejected.add(p);
  }
}

/** Runs the checks on one group; returns the places (placeId) of the figures they reject. */
export function checkGroup(checks: readonly Check[], rows: readonly ValidRow[], ctx: CheckContext, log: IssueSink): Set<string> {
  const rejected = new Set<string>();
  if (rows.length === 0) return rejected;
  for (const check of checks) record(check.checkGroup?.(rows, ctx) ?? [], log, rejected);
  return rejected;
}

/** For an input held whole (sources): key checks, then country checks on the rows that stay.
 *  Returns the ids of the rows rejected by either. */
export function runGroupChecks(pipeline: Pipeline, input: string, rows: readonly ValidRow[], ctx: CheckContext, log: IssueSink): Set<string> {
  const rejected = checkGroup(groupChecksOf(pipeline, input, "key"), rows, ctx, log);
  const afterKey = rejected.size === 0 ? rows : rows.filter((r) => !rejected.has(placeId(r.file, r.line, r.column)));
  for (const id of checkGroup(groupChecksOf(pipeline, input, "country"), afterKey, ctx, log)) rejected.add(id);
  return rejected;
}
