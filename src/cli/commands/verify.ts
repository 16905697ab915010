/** `openfigures verify`: recompute the hashes of the current release against its release.json. */
import { verifyRelease, type Verification } from "../../publish/release/verify.js";
import { COMMON, DEFAULT_OUT, UsageError, parse, selectPipelines } from "../args.js";
import type { CommandContext } from "../context.js";

export const OPTIONS = { ...COMMON, out: { type: "string" }, all: { type: "boolean" }, release: { type: "string" } } as const;

function format(v: Verification): string {
  const lines = [`${v.pipeline}: release ${v.release ?? "(none)"}`];
  for (const f of v.files) lines.push(`  ${f.ok ? "ok      " : "MISMATCH"} ${f.file}`);
  for (const p of v.problems) lines.push(`  ✘ ${p}`);
  lines.push(v.ok ? `  ✔ ${v.files.length} files match release.json` : `  ✘ verification failed`);
  return lines.join("\n");
}

export async function verify(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("verify", args, OPTIONS);
  if (values.release !== undefined && (values.all || positionals.length !== 1)) throw new UsageError("--release goes with exactly one pipeline id", "verify");
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, values.all, positionals, "verify");
  const results: Verification[] = [];
  for (const p of selected) results.push(await verifyRelease(p, values.out ?? DEFAULT_OUT, values.release));
  // As run: --all or several ids give an array, one id its object.
  if (values.json) ctx.out(JSON.stringify(values.all || results.length > 1 ? results : results[0], null, 2));
  else for (const r of results) ctx.out(format(r));
  return results.every((r) => r.ok) ? 0 : 1;
}
