/**
 * `openfigures schedule`: the long-running scheduler. Loads the scheduled pipelines, prints
 * what it will do and every run as it happens (human lines on a terminal, JSON lines
 * otherwise), and on SIGINT/SIGTERM stops within the grace period and exits 0. The fetch
 * options set the limits of the fetch that runs make first when their schedule says `fetch: true`.
 */
import { findPipelines } from "../../pipeline/registry.js";
import { EXIT } from "../../contracts/result.js";
import { Scheduler } from "../../scheduler/scheduler.js";
import { COMMON, DEFAULT_GRACE_SECONDS, DEFAULT_OUT, DEFAULT_RAW, DIRS, UsageError, parse } from "../args.js";
import { anyFetchLimit, FETCH_LIMIT_OPTIONS, fetchLimits } from "../fetch-options.js";
import { formatEvent } from "../format-schedule.js";
import type { CommandContext } from "../context.js";
import { PROGRESS_OPTIONS, progressChoice } from "../progress-options.js";

export const OPTIONS = {
  ...COMMON,
  ...DIRS,
  only: { type: "string", multiple: true },
  grace: { type: "string" },
  strict: { type: "boolean" },
  ...FETCH_LIMIT_OPTIONS,
  ...PROGRESS_OPTIONS,
} as const;

function graceOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_GRACE_SECONDS;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > 86_400) throw new UsageError(`Invalid option --grace: expected seconds from 0 to 86400, got ${JSON.stringify(value)}`, "schedule");
  return n;
}

export async function schedule(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("schedule", args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`schedule takes pipelines with --only, got ${positionals.join(" ")}`, "schedule");
  const graceSeconds = graceOption(values.grace);
  const limits = fetchLimits(values, "schedule");
  // Progress joins the event stream, as JSON lines or human lines like every other event.
  const progress = progressChoice(values, "schedule", ["auto", "off"]);
  if (!ctx.onSignal) throw new Error("schedule needs a process that delivers SIGINT/SIGTERM (ctx.onSignal)");
  const registry = await ctx.registry();
  const selected = values.only ? findPipelines(registry, values.only) : registry.filter((p) => p.schedule);
  const unscheduled = selected.filter((p) => !p.schedule).map((p) => p.id);
  if (unscheduled.length > 0) throw new UsageError(`no schedule declared for ${unscheduled.join(", ")}; run it with "openfigures run"`, "schedule");
  if (selected.length === 0) {
    ctx.err("openfigures schedule: no registered pipeline declares a schedule; nothing to do");
    return EXIT.USAGE;
  }
  if (anyFetchLimit(values) && !selected.some((p) => p.schedule?.fetch === true)) {
    throw new UsageError("the fetch options (--connect-timeout, --timeout, --max-size, --retries) go with a schedule that says fetch: true; none of these pipelines' does", "schedule");
  }
  const json = values.json === true || ctx.isTTY !== true;
  const scheduler = new Scheduler({
    fetch: { limits },
    pipelines: selected,
    rawDir: values.raw ?? DEFAULT_RAW,
    outDir: values.out ?? DEFAULT_OUT,
    strict: values.strict ?? false,
    ...(progress.mode === "off" ? {} : { progress: { everyMs: progress.everyMs } }),
    onEvent: (e) => ctx.out(json ? JSON.stringify(e) : formatEvent(e)),
  });
  const unsubscribe = ctx.onSignal((signal) => void scheduler.stop(`received ${signal}`, graceSeconds * 1000));
  try {
    scheduler.start(graceSeconds);
    await scheduler.finished;
  } finally {
    unsubscribe();
  }
  return EXIT.OK;
}
