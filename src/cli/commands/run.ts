/**
 * `openfigures run` and `openfigures validate`: thin adapters over runPipeline(). They pick the
 * pipelines, run them one after the other, print each result, and exit with the worst code.
 */
import { findPipelines } from "../../pipeline/registry.js";
import type { RunResult } from "../../pipeline/result.js";
import { runPipeline } from "../../pipeline/runner.js";
import { COMMON, DEFAULT_OUT, DEFAULT_RAW, DIRS, UsageError, parse, toleranceOption } from "../args.js";
import { formatRun } from "../format.js";
import type { CommandContext } from "../main.js";

const OPTIONS = {
  ...COMMON,
  ...DIRS,
  all: { type: "boolean" },
  strict: { type: "boolean" },
  force: { type: "boolean" },
  "max-rejected": { type: "string" },
} as const;

export async function run(args: string[], ctx: CommandContext, mode: "run" | "validate" = "run"): Promise<number> {
  const { values, positionals } = parse(mode, args, OPTIONS);
  if (values.all && positionals.length > 0) throw new UsageError("give pipeline ids or --all, not both", mode);
  if (!values.all && positionals.length === 0) throw new UsageError("name at least one pipeline id, or --all", mode);
  if (mode === "validate" && values.force) throw new UsageError("--force goes with run", mode);
  const maxRejected = toleranceOption(values["max-rejected"], mode);
  const registry = await ctx.registry();
  const selected = values.all ? [...registry] : findPipelines(registry, positionals);
  const results: RunResult[] = [];
  for (const pipeline of selected) {
    const result = await runPipeline(pipeline, {
      rawDir: values.raw ?? DEFAULT_RAW,
      outDir: values.out ?? DEFAULT_OUT,
      mode,
      strict: values.strict ?? false,
      force: values.force ?? false,
      ...(maxRejected !== undefined ? { maxRejected } : {}),
    });
    results.push(result);
    if (!values.json) ctx.out(`${formatRun(result)}\n`);
  }
  if (values.json) ctx.out(JSON.stringify(values.all || results.length > 1 ? results : results[0], null, 2));
  return Math.max(0, ...results.map((r) => r.exitCode));
}
