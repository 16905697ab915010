/**
 * The transform stage: normalise validated figures into observations, run the derivations, and
 * sort everything by the published primary key.
 */
import type { Issue } from "../../pipeline/issue.js";
import type { Observation, PipelineDefinition, Source, ValidRow } from "../../pipeline/types.js";
import { compareObservations } from "../../publish/fields.js";
import { derivationOrder, derive } from "./derive.js";
import { normaliseFigure, normaliseSource } from "./normalise.js";

export interface TransformResult {
  observations: Observation[];
  sources: Source[];
  derived: number;
  issues: Issue[];
}

export function transform(pipeline: PipelineDefinition, figures: readonly ValidRow[], sourceRows: readonly ValidRow[]): TransformResult {
  const issues: Issue[] = [];
  const observations = figures.map((row) => normaliseFigure(pipeline, row));
  let derived = 0;
  for (const der of derivationOrder(pipeline.derivations)) {
    const rows = derive(pipeline, der, observations, issues);
    derived += rows.length;
    observations.push(...rows);
  }
  observations.sort(compareObservations);
  const sources = sourceRows.map(normaliseSource).sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  return { observations, sources, derived, issues };
}
