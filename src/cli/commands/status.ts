/** `openfigures status`: per pipeline, the last run and its outcome, the next run, overdue or not. */
import { EXIT } from "../../pipeline/result.js";
import { pipelineStatus, type PipelineStatus } from "../../scheduler/status.js";
import { COMMON, DEFAULT_OUT, parse, selectPipelines } from "../args.js";
import { formatStatus } from "../format-schedule.js";
import type { CommandContext } from "../main.js";

const OPTIONS = {
  ...COMMON,
  out: { type: "string" },
} as const;

export async function status(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("status", args, OPTIONS);
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, positionals.length === 0, positionals, "status");
  const now = new Date();
  const rows: PipelineStatus[] = [];
  for (const p of selected) rows.push(await pipelineStatus(p, values.out ?? DEFAULT_OUT, now));
  if (values.json) ctx.out(JSON.stringify(rows, null, 2));
  else ctx.out(rows.map(formatStatus).join("\n\n") || "no pipelines registered");
  return EXIT.OK;
}
