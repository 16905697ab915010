/** `openfigures history [id...]`: the recorded runs of pipelines, oldest first. Exits 1 when a
 *  pipeline's history is not a file (see lock/own-file.ts). */
import { join, resolve } from "node:path";
import { EXIT } from "../../contracts/result.js";
import { LEDGER_FILE } from "../../contracts/layout.js";
import { readLedger, type LedgerRead, type RunRecord } from "../../scheduler/ledger.js";
import { OwnFileError } from "../../lock/own-file.js";
import { COMMON, DEFAULT_LIMIT, DEFAULT_OUT, UsageError, parse, selectPipelines } from "../args.js";
import { formatHistory } from "../format-schedule.js";
import type { CommandContext } from "../context.js";

export const OPTIONS = {
  ...COMMON,
  out: { type: "string" },
  limit: { type: "string" },
} as const;

function limitOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (value === "all") return Infinity;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`Invalid option --limit: expected a number of runs such as 50, or "all", got ${JSON.stringify(value)}`, "history");
  return Number(value);
}

export async function history(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("history", args, OPTIONS);
  const limit = limitOption(values.limit);
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, positionals.length === 0, positionals, "history");
  const outDir = resolve(values.out ?? DEFAULT_OUT);
  const records: RunRecord[] = [];
  let code: number = EXIT.OK;
  for (const p of selected) {
    const dir = join(outDir, p.id);
    let read: LedgerRead;
    try {
      read = await readLedger(dir, { last: limit });
    } catch (err) {
      // A directory (or a FIFO) where the history should be: say which and what to do, show
      // the other pipelines' runs, exit 1.
      if (!(err instanceof OwnFileError)) throw err;
      ctx.err(`openfigures history: ${err.message}`);
      code = EXIT.DATA_FAILED;
      continue;
    }
    records.push(...read.records);
    const torn = read.skipped.filter((s) => s.kind === "torn").length;
    const corrupt = read.skipped.length - torn;
    if (torn > 0) ctx.err(`openfigures history: ${join(dir, LEDGER_FILE)}: skipped an unfinished last line (a write was cut off)`);
    if (corrupt > 0)
      ctx.err(
        `openfigures history: ${join(dir, LEDGER_FILE)}: skipped ${corrupt} line(s) that are not run records: ${read.skipped
          .filter((s) => s.kind === "corrupt")
          .map((s) => s.line)
          .join(", ")}`,
      );
  }
  records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  const shown = records.slice(Math.max(0, records.length - limit));
  ctx.out(values.json ? JSON.stringify(shown, null, 2) : formatHistory(shown));
  return code;
}
