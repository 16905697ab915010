/** `openfigures status`: per pipeline, the last run and its outcome, the next run, overdue or not.
 *  Exits 1 when a pipeline's lock or history is not a file (see lock/own-file.ts). */
import { EXIT } from "../../contracts/result.js";
import { OwnFileError } from "../../lock/own-file.js";
import { pipelineStatus, type PipelineStatus } from "../../scheduler/status.js";
import { COMMON, DEFAULT_OUT, parse, selectPipelines } from "../args.js";
import { formatStatus } from "../format-schedule.js";
import type { CommandContext } from "../context.js";

export const OPTIONS = {
  ...COMMON,
  out: { type: "string" },
} as const;

export async function status(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("status", args, OPTIONS);
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, positionals.length === 0, positionals, "status");
  const now = new Date();
  const rows: PipelineStatus[] = [];
  let code: number = EXIT.OK;
  for (const p of selected) {
    try {
      rows.push(await pipelineStatus(p, values.out ?? DEFAULT_OUT, now));
    } catch (err) {
      // Not a file where the lock or the history should be: say which and what to do, show
      // the other pipelines, exit 1.
      if (!(err instanceof OwnFileError)) throw err;
      ctx.err(`openfigures status: ${err.message}`);
      code = EXIT.DATA_FAILED;
    }
  }
  if (values.json) ctx.out(JSON.stringify(rows, null, 2));
  else if (rows.length > 0 || code === EXIT.OK) ctx.out(rows.map(formatStatus).join("\n\n") || "no pipelines registered");
  return code;
}
