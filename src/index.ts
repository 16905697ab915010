/** The public surface for pipeline definitions: everything a `pipelines/<id>/pipeline.ts` needs. */
export { definePipeline, DefinitionError } from "./pipeline/define.js";
export { figureRowSchema, sourceRowSchema } from "./stages/ingest/readers/schemas.js";
export { FIGURE_COLUMNS, SOURCE_COLUMNS } from "./contracts/rows.js";
export type { EntitiesDefinition, Entity, EntityKind } from "./figures/entities.js";
export type { PipelineUnits, UnitDefinition, ScaledUnitDefinition } from "./figures/unit-registry.js";
export type { AggregateDefinition } from "./contracts/aggregates.js";
export * as checks from "./stages/validate/checks/index.js";
export * as targets from "./publish/targets/index.js";
// Every input is read by the reader of its layout (docs/readers.md).
export * as readers from "./stages/ingest/readers/index.js";
export { runPipeline } from "./pipeline/runner.js";
export type { RunOptions } from "./pipeline/run.js";
export type { RunResult, StageResult } from "./contracts/result.js";
export type { Pipeline, PipelineDefinition, InputDefinition, IndicatorDefinition, DerivationDefinition, ScheduleDefinition } from "./contracts/definition.js";
export type { Observation, Source, RawFileProvenance } from "./contracts/rows.js";
export type { Issue } from "./contracts/issue.js";
export type { Dialect, DialectOptions, Encoding } from "./contracts/dialect.js";
export type { Reader, RowsReader, TableReader, EntitiesReader, FigureCandidate, CellReject, RecordRead } from "./contracts/reader.js";
export type { IssueCode } from "./contracts/codes.js";
export { ISSUE_CODES } from "./contracts/codes.js";
