/**
 * `openfigures run` and `openfigures validate`: thin adapters over runPipeline(). They pick the
 * pipelines, run them one after the other, print each result, and exit with the worst code.
 * `run` holds each pipeline's lock and records the run in its history, as the scheduler does
 * (exit 3 when another run holds the lock); `validate` writes nothing, so it needs neither.
 * `run --fetch` (and `run --scheduled` for a schedule with `fetch: true`) fetches the remote
 * inputs first, under the same lock, and prints what the fetch did before the run's summary.
 */
import { DEFAULT_LIMITS } from "../../fetch/limits.js";
import type { RunResult } from "../../contracts/result.js";
import { runPipeline } from "../../pipeline/runner.js";
import type { Pipeline } from "../../contracts/definition.js";
import { COMMON, DEFAULT_OUT, DEFAULT_RAW, DIRS, UsageError, examplesOption, parse, selectPipelines, toleranceOption, worstExit } from "../args.js";
import { formatRun } from "../format.js";
import { anyFetchLimit, FETCH_LIMIT_OPTIONS, fetchLimits } from "../fetch-options.js";
import { fetchBody } from "../format-fetch.js";
import { lockedRun, type NotRun, type WithFetch } from "../locked-run.js";
import type { CommandContext } from "../context.js";
import { cliProgress } from "../progress.js";
import { PROGRESS_OPTIONS, progressChoice } from "../progress-options.js";

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
  fetch: { type: "boolean" },
  ...FETCH_LIMIT_OPTIONS,
  ...PROGRESS_OPTIONS,
} as const;

export async function run(args: string[], ctx: CommandContext, mode: "run" | "validate" = "run"): Promise<number> {
  const { values, positionals } = parse(mode, args, OPTIONS);
  if (mode === "validate" && values.force) throw new UsageError("--force goes with run", mode);
  if (mode === "validate" && values.scheduled) throw new UsageError("validate takes no --scheduled", mode);
  if (mode === "validate" && values["allow-shrink"]) throw new UsageError("--allow-shrink goes with run", mode);
  if (mode === "validate" && values.fetch) throw new UsageError("--fetch goes with run: validate holds no lock, so it cannot fetch; run openfigures fetch first", mode);
  const limits = fetchLimits(values, mode);
  const maxRejected = toleranceOption(values["max-rejected"], mode);
  const reportExamples = examplesOption(values["report-examples"], mode);
  const progress = await cliProgress(progressChoice(values, mode), ctx.stderr, ctx.err);
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, values.all, positionals, mode);
  const unscheduled = values.scheduled ? selected.filter((p) => !p.schedule).map((p) => p.id) : [];
  if (unscheduled.length > 0) throw new UsageError(`--scheduled: no schedule declared for ${unscheduled.join(", ")}`, mode);
  // Fetch first: --fetch, or --scheduled for a schedule that says fetch: true.
  const fetches = (p: Pipeline) => values.fetch === true || (values.scheduled === true && p.schedule?.fetch === true);
  if (anyFetchLimit(values) && !selected.some(fetches)) {
    throw new UsageError("the fetch options (--connect-timeout, --timeout, --max-size, --retries) go with --fetch, or with --scheduled for a schedule with fetch: true", mode);
  }
  // One connection pool for every pipeline of this command; made (and undici loaded) only if some pipeline fetches.
  const dispatcher =
    selected.some(fetches) && mode === "run" ? (await import("../../fetch/proxy.js")).makeDispatcher({ connectTimeoutMs: limits.connectTimeoutMs ?? DEFAULT_LIMITS.connectTimeoutMs }) : null;
  const options = {
    rawDir: values.raw ?? DEFAULT_RAW,
    outDir: values.out ?? DEFAULT_OUT,
    strict: values.strict ?? false,
    force: values.force ?? false,
    allowShrink: values["allow-shrink"] ?? false,
    ...(maxRejected !== undefined ? { maxRejected } : {}),
    ...(reportExamples !== undefined ? { reportExamples } : {}),
    ...(progress !== undefined ? { progress } : {}),
  };
  const results: WithFetch<RunResult | NotRun>[] = [];
  try {
    for (const pipeline of selected) {
      // --allow-shrink lifts both guards: the fetch's (far fewer rows) and the run's.
      const fetch = dispatcher && fetches(pipeline) ? { allowShrink: options.allowShrink, limits, dispatcher } : null;
      const result: WithFetch<RunResult | NotRun> =
        mode === "validate" ? await runPipeline(pipeline, { ...options, mode }) : await lockedRun(pipeline, options, ctx, { scheduled: values.scheduled ?? false, fetch });
      results.push(result);
      if (values.json) continue;
      if (result.fetch) ctx.out([`${pipeline.id}: fetch`, ...fetchBody(result.fetch)].join("\n"));
      if ("stages" in result) ctx.out(`${formatRun(result)}\n`);
    }
  } finally {
    await dispatcher?.close();
  }
  if (values.json) ctx.out(JSON.stringify(values.all || results.length > 1 ? results : results[0], null, 2));
  return worstExit(results.map((r) => r.exitCode));
}
