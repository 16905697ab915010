/**
 * The release's observations, streamed for the publish stage: the reported rows that stayed
 * and the derived rows, two sorted files merged into one order, turned into observations in
 * batches.
 */
import { decodeObs, toObservation } from "../stages/transform/record.js";
import { mergeRuns } from "../stream/external-sort.js";
import type { Observation, Pipeline } from "./types.js";

export const OBSERVATION_BATCH = 2000;

export async function* observationBatches(pipeline: Pipeline, sortedFiles: readonly string[]): AsyncGenerator<Observation[]> {
  const names = new Map<string, string>();
  let batch: Observation[] = [];
  for await (const line of mergeRuns(sortedFiles)) {
    batch.push(toObservation(decodeObs(line), pipeline, names));
    if (batch.length >= OBSERVATION_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
