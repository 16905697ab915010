/**
 * The contract every check meets. A check is declared in a pipeline (`checks.unique({...})`),
 * names what it refers to so `definePipeline()` can verify it before anything runs, and for
 * each run yields issues through two hooks: `row` for each valid row of an input it watches,
 * `end` once every input has been read. Checks never throw on bad data.
 */
import type { Issue } from "../../../pipeline/issue.js";
import type { PipelineDefinition, ValidRow } from "../../../pipeline/types.js";

export interface CheckRefs {
  readonly inputs?: readonly string[];
  /** [input, column] pairs. */
  readonly fields?: readonly (readonly [string, string])[];
  readonly indicators?: readonly string[];
}

export interface CheckRunContext {
  readonly pipeline: PipelineDefinition;
}

export interface CheckRun {
  /** Each row that passed its schema, in file order. */
  row?(row: ValidRow): Issue[] | undefined;
  /** An input has been read to its end (inputs are read sources first). */
  inputDone?(input: string): Issue[] | undefined;
  /** After every input. */
  end?(): Issue[];
}

export interface Check {
  /** kebab-case; the name of the file that implements it. */
  readonly type: string;
  readonly refs: CheckRefs;
  /** One line for `openfigures list` and the docs. */
  readonly description: string;
  /** Problems only this check can see in a definition (e.g. units that cannot be compared). */
  problems?(pipeline: PipelineDefinition): string[];
  start(ctx: CheckRunContext): CheckRun;
}
