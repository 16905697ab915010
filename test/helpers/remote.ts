/**
 * A pipeline whose figures come from a URL, and the state of its raw folder as bytes, for the
 * fetch tests: every failure must leave the file and snapshots.json byte-identical.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readers, type Pipeline, type ScheduleDefinition } from "../../src/index.js";
import { fetchPipeline, type FetchOptions } from "../../src/pipeline/fetch-inputs.js";
import { figuresCsv, testPipeline } from "./pipeline.js";

export const REMOTE_ID = "test-figures";

export function remotePipeline(url: string | undefined, member?: string, schedule?: ScheduleDefinition): Pipeline {
  return testPipeline({
    ...(schedule ? { schedule } : {}),
    inputs: {
      figures: { file: "figures.csv", reader: readers.figures(), ...(url !== undefined ? { url } : {}), ...(member !== undefined ? { member } : {}) },
      sources: { file: "sources.csv", reader: readers.sources() },
    },
  });
}

/** figures.csv with `n` data rows, told apart by `tag`. */
export function figures(n: number, tag = "v1"): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`KEN,population,${2000 + i},${i + 1} thousand,persons,src-b,"${tag} row ${i}"`);
  return figuresCsv(rows);
}

export const NOW = new Date("2026-12-05T10:00:00.123Z");

/** fetchPipeline with quick limits, no proxy, no waiting between attempts, a fixed clock. */
export function quickFetch(pipeline: Pipeline, raw: string, extra: Partial<FetchOptions> = {}) {
  return fetchPipeline(pipeline, {
    rawDir: raw,
    env: {},
    sleep: async () => undefined,
    now: () => NOW,
    ...extra,
    limits: { retries: 1, backoffMs: 1, totalTimeoutMs: 2_000, ...extra.limits },
  });
}

export interface FolderState {
  figures: Buffer | null;
  manifest: Buffer | null;
  names: string[];
}

export function folderState(raw: string): FolderState {
  const dir = join(raw, REMOTE_ID);
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : null);
  return { figures: read("figures.csv"), manifest: read("snapshots.json"), names: readdirSync(dir).sort() };
}

export function manifestOf(raw: string): { files: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(join(raw, REMOTE_ID, "snapshots.json"), "utf8")) as { files: Record<string, Record<string, unknown>> };
}
