/**
 * `openfigures run` and `openfigures validate`: thin adapters over runPipeline(). They pick the
 * pipelines, run them one after the other, print each result, and exit with the worst code.
 * `run` holds each pipeline's lock and records the run in its history, as the scheduler does
 * (exit 3 when another run holds the lock); `validate` writes nothing, so it needs neither.
 */
import { EXIT, type RunResult } from "../../pipeline/result.js";
import { runPipeline } from "../../pipeline/runner.js";
import { COMMON, DEFAULT_OUT, DEFAULT_RAW, DIRS, UsageError, examplesOption, parse, selectPipelines, toleranceOption, worstExit } from "../args.js";
import { formatRun } from "../format.js";
import { lockedRun, type NotRun } from "../locked-run.js";
import type { CommandContext } from "../main.js";

export const OPTIONS = {
  ...COMMON,
  ...DIRS,
  all: { type: "boolean" },
  strict: { type: "boolean" },
  force: { type: "boolean" },
  "max-rejected": { type: "string" },
  "report-examples": { type: "string" },
  scheduled: { type: "boolean" },
  "allow-shrink": { type: "boolean" },
} as const;

export async function run(args: string[], ctx: CommandContext, mode: "run" | "validate" = "run"): Promise<number> {
  const { values, positionals } = parse(mode, args, OPTIONS);
  if (mode === "validate" && values.force) throw new UsageError("--force goes with run", mode);
  if (mode === "validate" && values.scheduled) throw new UsageError("validate takes no --scheduled", mode);
  if (mode === "validate" && values["allow-shrink"]) throw new UsageError("--allow-shrink goes with run", mode);
  const maxRejected = toleranceOption(values["max-rejected"], mode);
  const reportExamples = examplesOption(values["report-examples"], mode);
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, values.all, positionals, mode);
  const unscheduled = values.scheduled ? selected.filter((p) => !p.schedule).map((p) => p.id) : [];
  if (unscheduled.length > 0) throw new UsageError(`--scheduled: no schedule declared for ${unscheduled.join(", ")}`, mode);
  const results: (RunResult | NotRun)[] = [];
  for (const pipeline of selected) {
    const options = {
      rawDir: values.raw ?? DEFAULT_RAW,
      outDir: values.out ?? DEFAULT_OUT,
      strict: values.strict ?? false,
      force: values.force ?? false,
      allowShrink: values["allow-shrink"] ?? false,
      ...(maxRejected !== undefined ? { maxRejected } : {}),
      ...(reportExamples !== undefined ? { reportExamples } : {}),
    };
    const result = mode === "validate" ? await runPipeline(pipeline, { ...options, mode }) : await lockedRun(pipeline, options, ctx, values.scheduled ?? false);
    results.push(result);
    if (!values.json && "stages" in result) ctx.out(`${formatRun(result)}\n`);
  }
  if (values.json) ctx.out(JSON.stringify(values.all || results.length > 1 ? results : results[0], null, 2));
  return worstExit(results.map((r) => r.exitCode));
}
