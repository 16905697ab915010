/**
 * The contract every check meets. A check is declared in a pipeline (`checks.unique({...})`),
 * names what it refers to so `definePipeline()` can verify it before anything runs, and says
 * which rows it needs to see together (its scope):
 *
 * - "row": one row at a time (`checkRow`). Runs as rows are read, in worker threads for large
 *   figures files.
 * - "key": rows sharing country, indicator and period (`checkGroup`), e.g. duplicates.
 * - "country": rows sharing a country (`checkGroup`), e.g. a part larger than its whole.
 * - "aggregate": a group's reported figures (WLD's) beside the aggregates computed from its
 *   members (`checkAggregates`), once every country has been read; e.g. aggregate-matches.
 *
 * A figures input is sorted by country, indicator and period before the group checks run, so
 * a group is a run of neighbouring rows and memory holds one country at a time, however large
 * the file. A sources input is small and held whole: its groups are the whole table, so a
 * group check must find, within the rows it is given, the rows that share its own key.
 * Checks return issues and never throw on bad data; an error on a row rejects it.
 */
import type { Issue } from "./issue.js";
import type { PipelineDefinition } from "./definition.js";
import type { ValidRow } from "./rows.js";
import type { AggregateResult } from "./aggregates.js";

export interface CheckRefs {
  readonly inputs?: readonly string[];
  /** [input, column] pairs. */
  readonly fields?: readonly (readonly [string, string])[];
  readonly indicators?: readonly string[];
}

export interface CheckContext {
  readonly pipeline: PipelineDefinition;
  /** The values of a column in the valid rows of another, earlier input (sources are read first). */
  columnValues(input: string, column: string): ReadonlySet<string>;
}

/** Where the values of `column` of `input` are kept (worker threads receive them keyed so). */
export function columnKey(input: string, column: string): string {
  return `${input}\u0000${column}`;
}

export type CheckScope = "row" | "key" | "country" | "aggregate";

export interface Check {
  /** kebab-case; the name of the file that implements it. */
  readonly type: string;
  /** The input whose rows it checks. */
  readonly input: string;
  readonly scope: CheckScope;
  readonly refs: CheckRefs;
  /** One line for `openfigures list` and the docs. */
  readonly description: string;
  /** How to build the check again from data (a worker thread rebuilds row checks from this). */
  readonly spec: { readonly factory: string; readonly options: unknown };
  /** For a "key" check: the fewest rows a group needs before the check can find anything
   *  (2 for duplicates and conflicts); smaller groups are not built for it. Default 1. */
  readonly minGroup?: number;
  /** For a "country" check: the indicators whose rows it looks at (default: refs.indicators,
   *  or every row when it names none). The sorted pass holds only those rows of a country. */
  watches?(pipeline: PipelineDefinition): readonly string[] | null;
  /** Problems only this check can see in a definition (e.g. units that cannot be compared). */
  problems?(pipeline: PipelineDefinition): string[];
  checkRow?(row: ValidRow, ctx: CheckContext): Issue[] | undefined;
  checkGroup?(rows: readonly ValidRow[], ctx: CheckContext): Issue[];
  /** For an "aggregate" check: the reported figures of the groups, of the indicators it names
   *  (`refs.indicators`) and of its input ("" for any input), and the aggregates computed. */
  checkAggregates?(reported: readonly ValidRow[], computed: readonly AggregateResult[], ctx: CheckContext): Issue[];
}
