/**
 * The batch environment of one input, made the same way in the main thread and in a worker
 * thread (which receives only data: the reader's spec, its plan, the pipeline's catalogue, its
 * units, its entities, the known sources).
 */
import type { EntityRegistry } from "../../figures/entities.js";
import type { UnitRegistry } from "../../figures/unit-registry.js";
import type { IndicatorDefinition } from "../../contracts/definition.js";
import { sourceId, type Reader, type RowsPlan } from "../../contracts/reader.js";
import type { BatchEnv, BatchSetup } from "./batch.js";
import type { Check, CheckContext } from "../../contracts/check.js";

export interface PipelineKnowledge {
  readonly indicators: Readonly<Record<string, IndicatorDefinition>>;
  readonly units: UnitRegistry;
  readonly entities: EntityRegistry;
  /** Source ids a figure may cite. */
  readonly sources: ReadonlySet<string>;
}

export function makeBatchEnv(setup: BatchSetup, reader: Reader, plan: unknown, known: PipelineKnowledge, rowChecks: readonly Check[], ctx: CheckContext): BatchEnv {
  if (reader.layout === "rows") {
    const schema = reader.schema({ indicators: known.indicators, units: known.units, entities: known.entities });
    return { ...setup, layout: "rows", plan: plan as RowsPlan, schema, rowChecks, ctx, figures: reader.role === "figures", units: known.units };
  }
  if (reader.layout === "entities") throw new Error(`${setup.file}: an entities input is not read in batches`);
  const cites = reader.cites;
  return {
    ...setup,
    layout: "table",
    reader,
    plan,
    candidates: { pipeline: setup.pipeline, file: setup.file, indicators: known.indicators, units: known.units, entities: known.entities, sources: known.sources },
    sourceIds: cites === null || cites === "rows" ? "" : sourceId(cites),
    rowChecks,
    ctx,
  };
}
