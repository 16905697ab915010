/**
 * `openfigures fetch`: refreshes the remote inputs of pipelines (fetchPipeline) and prints,
 * per file, what happened: unchanged, updated (from which sha256 to which, bytes, rows),
 * recorded, or failed (url, status, reason). Exit 1 when any file failed.
 */
import { DEFAULT_LIMITS } from "../../fetch/limits.js";
import { makeDispatcher } from "../../fetch/proxy.js";
import type { PipelineFetch } from "../../pipeline/fetch-inputs.js";
import { EXIT } from "../../contracts/result.js";
import { lockedFetch } from "../../scheduler/locked-fetch.js";
import { COMMON, DEFAULT_OUT, DEFAULT_RAW, DIRS, parse, selectPipelines, worstExit } from "../args.js";
import { FETCH_LIMIT_OPTIONS, fetchLimits } from "../fetch-options.js";
import { formatFetch } from "../format-fetch.js";
import { formatGuardEvent } from "../format-schedule.js";
import type { NotRun } from "../locked-run.js";
import type { CommandContext } from "../context.js";

/** A pipeline not fetched: another run or fetch held its lock, or the lock could not be taken. */
type NotFetched = NotRun;

export const OPTIONS = {
  ...COMMON,
  ...DIRS,
  all: { type: "boolean" },
  "allow-shrink": { type: "boolean" },
  ...FETCH_LIMIT_OPTIONS,
} as const;

export async function fetch(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("fetch", args, OPTIONS);
  const limits = fetchLimits(values, "fetch");
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, values.all, positionals, "fetch");
  const say = (text: string) => ctx.err(`openfigures fetch: ${text}`);
  // One connection pool for every pipeline of this command.
  const dispatcher = makeDispatcher({ connectTimeoutMs: limits.connectTimeoutMs ?? DEFAULT_LIMITS.connectTimeoutMs });
  const results: (PipelineFetch | NotFetched)[] = [];
  try {
    for (const pipeline of selected) {
      const options = { rawDir: values.raw ?? DEFAULT_RAW, allowShrink: values["allow-shrink"] ?? false, limits, dispatcher };
      const out = await lockedFetch(pipeline, values.out ?? DEFAULT_OUT, options, (e) => say(formatGuardEvent(e)));
      if (out.kind === "fetched") {
        results.push(out.result);
        if (!values.json) ctx.out(formatFetch(out.result));
        continue;
      }
      say(out.message);
      const locked = out.kind === "locked";
      results.push({ pipeline: pipeline.id, status: locked ? "locked" : "failed", exitCode: locked ? EXIT.LOCKED : EXIT.DATA_FAILED, error: out.message, holder: locked ? out.holder : null });
    }
  } finally {
    await dispatcher.close();
  }
  if (values.json) ctx.out(JSON.stringify(values.all || results.length > 1 ? results : results[0], null, 2));
  return worstExit(results.map((r) => r.exitCode));
}
