/**
 * Published out folders for the site's tests: the test pipeline run for real into a temporary
 * folder (its run writes the site), with rows and definition chosen by the test, and readers
 * for what the site wrote.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runPipeline } from "../../src/index.js";
import type { RunResult } from "../../src/contracts/result.js";
import type { Pipeline, PipelineDefinition } from "../../src/contracts/definition.js";
import { rawFolder } from "./fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "./pipeline.js";

export const PIPELINE = "test-figures";

export const QUOTE_ROWS = [
  `KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,"As of December 2018, data subscriptions stood at 45.7 million, the authority said."`,
  `CHN,internet_users,2018-12,829 million,persons,src-a,"China had 829 million internet users by the end of 2018, according to the report."`,
  `CHN,population,2018,1.4 billion,persons,src-b,table 1 row 1`,
  `KEN,population,2018,51.4 million,persons,src-b,table 1 row 2`,
  `KEN,internet_users,2018-12,10 million,persons,src-a,"Kenya had 10 million internet users."`,
];

export interface SiteFolder {
  raw: string;
  out: string;
  pipeline: Pipeline;
  publish(rows: string[], epoch?: number, env?: Record<string, string>): Promise<RunResult>;
  read(path: string): string;
}

export function siteFolder(overrides: Partial<PipelineDefinition> = {}, sources = SOURCES_CSV): SiteFolder {
  const { raw, out } = rawFolder(PIPELINE, { "sources.csv": sources });
  const pipeline = testPipeline({ derivations: [], ...overrides });
  return {
    raw,
    out,
    pipeline,
    async publish(rows, epoch = 1572000000, env = {}) {
      writeFileSync(join(raw, PIPELINE, "figures.csv"), figuresCsv(rows));
      const r = await runPipeline(pipeline, { rawDir: raw, outDir: out, maxRejected: "100%", env: { SOURCE_DATE_EPOCH: String(epoch), ...env } });
      if (r.status === "failed") throw new Error(`the test pipeline failed: ${r.error}`);
      return r;
    },
    read: (path) => readFileSync(join(out, path), "utf8"),
  };
}

/** The five characters escape-html writes as references, read back. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#39);/g, (_, e: string) => ({ quot: '"', amp: "&", lt: "<", gt: ">", "#39": "'" })[e]!);
}

/** The JSON-LD a page embeds, parsed. */
export function jsonLdOf(page: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/.exec(page);
  if (!m) throw new Error("no JSON-LD in the page");
  return JSON.parse(m[1]!) as Record<string, unknown>;
}
