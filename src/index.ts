/** The public surface for pipeline definitions: everything a `pipelines/<id>/pipeline.ts` needs. */
export { definePipeline, DefinitionError } from "./pipeline/define.js";
export { figureRowSchema, sourceRowSchema, FIGURE_COLUMNS, SOURCE_COLUMNS } from "./stages/ingest/readers/schemas.js";
export type { EntitiesDefinition, Entity, EntityKind } from "./figures/entities.js";
export type { PipelineUnits, UnitDefinition, ScaledUnitDefinition } from "./figures/unit-registry.js";
export type { AggregateDefinition } from "./stages/transform/aggregate.js";
export * as checks from "./stages/validate/checks/index.js";
export * as targets from "./publish/targets/index.js";
// Every input is read by the reader of its layout (docs/readers.md).
export * as readers from "./stages/ingest/readers/index.js";
export { runPipeline, type RunOptions } from "./pipeline/runner.js";
export type { RunResult, StageResult } from "./contracts/result.js";
export type {
  Pipeline,
  PipelineDefinition,
  InputDefinition,
  IndicatorDefinition,
  DerivationDefinition,
  ScheduleDefinition,
  Observation,
  Source,
} from "./contracts/definition.js";
export type { Issue } from "./contracts/issue.js";
export type { Dialect, DialectOptions, Encoding } from "./stages/ingest/dialect.js";
export type { Reader, RowsReader, TableReader, EntitiesReader, FigureCandidate, CellReject, RecordRead } from "./contracts/reader.js";
export type { IssueCode } from "./contracts/codes.js";
export { ISSUE_CODES } from "./contracts/codes.js";
