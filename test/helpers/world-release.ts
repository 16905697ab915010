/**
 * The real `world-internet-use` release (issue 12's pipeline on its raw files in data/raw/),
 * published into a temporary out folder as `openfigures run` would, with SOURCE_DATE_EPOCH set:
 * the summary.pdf, the site's page and the data files the report and site tests read. A run
 * takes a few seconds; a test file publishes it once (beforeAll) and removes the folder after.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import world from "../../pipelines/world-internet-use/pipeline.js";
import { runPipeline } from "../../src/index.js";
import type { RunResult } from "../../src/contracts/result.js";

/** 2022-05-25, the World Bank files' "Last Updated Date". */
export const WORLD_EPOCH = "1653436800";
const RAW = new URL("../../data/raw", import.meta.url).pathname;

export interface WorldRelease {
  /** The out folder (`<out>/world-internet-use/…`, the catalogue beside it). */
  readonly out: string;
  /** `<out>/world-internet-use`. */
  readonly dir: string;
  readonly result: RunResult;
  remove(): Promise<void>;
}

/** Publishes the real release into a new temporary folder (into `out` when given). */
export async function publishWorld(out?: string): Promise<WorldRelease> {
  const folder = out ?? (await mkdtemp(join(tmpdir(), "openfigures-world-")));
  const result = await runPipeline(world, { rawDir: RAW, outDir: folder, env: { SOURCE_DATE_EPOCH: WORLD_EPOCH } });
  if (result.status !== "succeeded") throw new Error(`world-internet-use did not publish: ${result.status} ${result.error ?? ""}`);
  return { out: folder, dir: join(folder, world.id), result, remove: () => rm(folder, { recursive: true, force: true }) };
}
