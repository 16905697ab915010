/** `openfigures list`: the registered pipelines with their title, inputs (by reader), outputs and schedule. */
import type { Pipeline } from "../../contracts/definition.js";
import { COMMON, UsageError, parse } from "../args.js";
import type { CommandContext } from "../context.js";

export function describe(p: Pipeline) {
  return {
    id: p.id,
    title: p.title,
    inputs: Object.entries(p.inputs).map(([name, i]) => ({ name, file: i.file, reader: i.reader.type })),
    outputs: p.outputs.map((o) => ({ type: o.type, file: o.file })),
    schedule: p.schedule ?? null,
  };
}

export async function list(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("list", args, COMMON);
  if (positionals.length > 0) throw new UsageError(`list takes no arguments, got ${positionals.join(" ")}`, "list");
  const registry = await ctx.registry();
  if (values.json) {
    ctx.out(JSON.stringify(registry.map(describe), null, 2));
    return 0;
  }
  for (const p of registry) {
    const d = describe(p);
    ctx.out(`${d.id}\n  ${d.title}`);
    ctx.out(`  inputs:   ${d.inputs.map((i) => `${i.file} (${i.reader})`).join(", ")}`);
    ctx.out(`  outputs:  ${d.outputs.map((o) => o.file).join(", ")}`);
    ctx.out(`  schedule: ${d.schedule ? `${d.schedule.cron} (${d.schedule.timezone})` : "none"}`);
  }
  if (registry.length === 0) ctx.out("no pipelines registered (see pipelines/index.ts)");
  return 0;
}
