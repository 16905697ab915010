/**
 * Pipelines over table layouts for engine tests: the reader fixtures in test/fixtures/readers/
 * (copies of the real quirks: a World Bank bulk file with its preamble, BOM, CRLF and trailing
 * comma; datahub's long table; Gapminder's wide table with SI suffixes; a semicolon re-save; a
 * Windows-1252 export) read through runPipeline, as a user's pipeline reads them.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runPipeline, type Pipeline, type RunOptions } from "../../src/index.js";
import { rawFolder } from "./fixtures.js";
import { outputs } from "./run-fixture.js";

export { TABLES_ID, TABLE_INDICATORS, WDI, internetReader, populationReader, tablesPipeline } from "../fixtures/tables/pipelines.js";

const READERS = new URL("../fixtures/readers/", import.meta.url).pathname;

/** The bytes of a reader fixture, optionally edited as text. */
export function readerFixture(name: string, edit?: (text: string) => string): Buffer {
  const bytes = readFileSync(join(READERS, name));
  return edit ? Buffer.from(edit(bytes.toString("utf8")), "utf8") : bytes;
}

/** Runs `pipeline` on raw files given by name (fixture bytes or text); returns the result and readers of its outputs. */
export async function runTables(pipeline: Pipeline, files: Record<string, string | Buffer>, options: Partial<RunOptions> = {}) {
  const { raw, out } = rawFolder(pipeline.id, files);
  const run = (more: Partial<RunOptions> = {}) => runPipeline(pipeline, { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" }, ...options, ...more });
  const result = await run();
  return {
    result,
    raw,
    out,
    run,
    ...outputs(out, pipeline.id),
    copy: (from: string, name: string) => copyFileSync(join(READERS, from), join(raw, pipeline.id, name)),
  };
}
