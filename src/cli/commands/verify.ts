/** `openfigures verify`: recompute the hashes of the current release against its datapackage.json. */
import { findPipelines } from "../../pipeline/registry.js";
import { verifyRelease, type Verification } from "../../publish/verify.js";
import { COMMON, DEFAULT_OUT, UsageError, parse } from "../args.js";
import type { CommandContext } from "../main.js";

const OPTIONS = { ...COMMON, out: { type: "string" }, all: { type: "boolean" }, release: { type: "string" } } as const;

function format(v: Verification): string {
  const lines = [`${v.pipeline}: release ${v.release ?? "(none)"}`];
  for (const f of v.files) lines.push(`  ${f.ok ? "ok      " : "MISMATCH"} ${f.file}`);
  for (const p of v.problems) lines.push(`  ✘ ${p}`);
  lines.push(v.ok ? `  ✔ ${v.files.length} files match datapackage.json` : `  ✘ verification failed`);
  return lines.join("\n");
}

export async function verify(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("verify", args, OPTIONS);
  if (values.all === (positionals.length > 0)) throw new UsageError("name pipeline ids or --all", "verify");
  if (values.release !== undefined && (values.all || positionals.length !== 1)) throw new UsageError("--release goes with exactly one pipeline id", "verify");
  const registry = await ctx.registry();
  const selected = values.all ? [...registry] : findPipelines(registry, positionals);
  const results: Verification[] = [];
  for (const p of selected) results.push(await verifyRelease(p, values.out ?? DEFAULT_OUT, values.release));
  if (values.json) ctx.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  else for (const r of results) ctx.out(format(r));
  return results.every((r) => r.ok) ? 0 : 1;
}
