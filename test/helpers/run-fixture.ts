import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { runPipeline, type RunOptions } from "../../src/index.js";
import type { Pipeline } from "../../src/contracts/definition.js";
import { rawFolder } from "./fixtures.js";
import { SOURCES_CSV, testPipeline } from "./pipeline.js";

const FIXTURES = new URL("../fixtures/figures/", import.meta.url).pathname;

/** Runs a pipeline on figures.csv given as text or as a fixture name; tolerance 100% unless told. */
export async function runFigures(figures: string | { fixture: string }, options: Partial<RunOptions> & { pipeline?: Pipeline; sources?: string } = {}) {
  const files: Record<string, string> = { "sources.csv": options.sources ?? SOURCES_CSV };
  if (typeof figures === "string") files["figures.csv"] = figures;
  const { raw, out } = rawFolder("test-figures", files);
  if (typeof figures !== "string") copyFileSync(join(FIXTURES, figures.fixture), join(raw, "test-figures", "figures.csv"));
  const pipeline = options.pipeline ?? testPipeline({ derivations: [] });
  const result = await runPipeline(pipeline, { rawDir: raw, outDir: out, maxRejected: "100%", ...options });
  return { result, raw, out, ...outputs(out, "test-figures") };
}

/** A pipeline's output folder under `out`, and readers of its files as text and as CSV records. */
export function outputs(out: string, pipelineId: string) {
  const dir = join(out, pipelineId);
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  return { dir, read, csv: (file: string) => parse(read(file), { columns: true }) as Record<string, string>[] };
}
