/** The public surface for pipeline definitions: everything a `pipelines/<id>/pipeline.ts` needs. */
export { definePipeline, DefinitionError } from "./pipeline/define.js";
export { figureRowSchema, sourceRowSchema, FIGURE_COLUMNS, SOURCE_COLUMNS } from "./figures/schemas.js";
export * as checks from "./stages/validate/checks/index.js";
export * as targets from "./publish/targets.js";
export { runPipeline, type RunOptions } from "./pipeline/runner.js";
export type { RunResult, StageResult } from "./pipeline/result.js";
export type {
  Pipeline,
  PipelineDefinition,
  InputDefinition,
  IndicatorDefinition,
  DerivationDefinition,
  ScheduleDefinition,
  Observation,
  Source,
} from "./pipeline/types.js";
export type { Issue } from "./pipeline/issue.js";
export type { IssueCode } from "./pipeline/codes.js";
export { ISSUE_CODES } from "./pipeline/codes.js";
