/**
 * `openfigures fetch`: refreshes the remote inputs of pipelines (fetchPipeline) and prints,
 * per file, what happened: unchanged, updated (from which sha256 to which, bytes, rows),
 * recorded, or failed (url, status, reason). Exit 1 when any file failed.
 */
import { DEFAULT_LIMITS, type FetchLimits } from "../../fetch/limits.js";
import { makeDispatcher } from "../../fetch/proxy.js";
import type { RefreshResult } from "../../fetch/snapshot.js";
import { fetchPipeline, type PipelineFetch } from "../../pipeline/fetch-inputs.js";
import { EXIT } from "../../pipeline/result.js";
import { COMMON, DEFAULT_RAW, UsageError, parse, selectPipelines } from "../args.js";
import type { CommandContext } from "../main.js";

export const OPTIONS = {
  ...COMMON,
  raw: { type: "string" },
  all: { type: "boolean" },
  "allow-shrink": { type: "boolean" },
  "connect-timeout": { type: "string" },
  timeout: { type: "string" },
  "max-size": { type: "string" },
  retries: { type: "string" },
} as const;

function secondsOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(?:\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`Invalid option --${name}: expected a number of seconds above 0 such as 30, got ${JSON.stringify(value)}`, "fetch");
  return Math.round(Number(value) * 1000);
}

const SIZE_UNITS: Record<string, number> = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 };

function sizeOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)([kmg]?)$/i.exec(value);
  if (!m || Number(m[1]) === 0) throw new UsageError(`Invalid option --max-size: expected a size in bytes such as 500M, 2G or 1048576, got ${JSON.stringify(value)}`, "fetch");
  return Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!;
}

function retriesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 10) throw new UsageError(`Invalid option --retries: expected a whole number from 0 to 10, got ${JSON.stringify(value)}`, "fetch");
  return Number(value);
}

const short = (sha: string) => `${sha.slice(0, 12)}…`;
const count = (n: number | null) => (n === null ? "?" : n.toLocaleString("en-US"));

export function formatFile(r: RefreshResult): string[] {
  const lines: string[] = [];
  switch (r.status) {
    case "unchanged":
      lines.push(`  ✔ ${r.file} unchanged: ${r.why === "not-modified" ? "304 Not Modified" : `same bytes (${r.httpStatus})`}, sha256 ${short(r.sha256)}`);
      break;
    case "updated": {
      const from = r.from ? `${short(r.from.sha256)} → ` : "new file, ";
      const rows = r.from ? `${count(r.from.rows)} → ${count(r.to.rows)} rows` : `${count(r.to.rows)} rows`;
      lines.push(`  ✔ ${r.file} updated: sha256 ${from}${short(r.to.sha256)}, ${count(r.to.bytes)} bytes, ${rows}${r.member ? `, from member ${r.member}` : ""}`);
      break;
    }
    case "recorded":
      lines.push(`  ✔ ${r.file} recorded: ${r.why}, sha256 ${short(r.sha256)}`);
      break;
    case "failed":
      lines.push(`  ✘ ${r.file} failed: ${r.url || "(no url)"}, status ${r.httpStatus ?? "none"}: ${r.reason}`);
      break;
  }
  for (const note of r.notes) lines.push(`    note: ${note}`);
  return lines;
}

function format(p: PipelineFetch): string {
  const lines = [p.pipeline];
  if (p.files.length === 0) lines.push(p.problem ? `  ✘ ${p.problem}` : "  no remote inputs (no input has a url)");
  for (const f of p.files) lines.push(...formatFile(f));
  return lines.join("\n");
}

export async function fetch(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("fetch", args, OPTIONS);
  const limits: Partial<FetchLimits> = {};
  const connect = secondsOption("connect-timeout", values["connect-timeout"]);
  const total = secondsOption("timeout", values.timeout);
  const maxBytes = sizeOption(values["max-size"]);
  const retries = retriesOption(values.retries);
  if (connect !== undefined) limits.connectTimeoutMs = connect;
  if (total !== undefined) limits.totalTimeoutMs = total;
  if (maxBytes !== undefined) limits.maxBytes = maxBytes;
  if (retries !== undefined) limits.retries = retries;
  const registry = await ctx.registry();
  const selected = selectPipelines(registry, values.all, positionals, "fetch");
  // One connection pool for every pipeline of this command.
  const dispatcher = makeDispatcher({ connectTimeoutMs: limits.connectTimeoutMs ?? DEFAULT_LIMITS.connectTimeoutMs });
  const results: PipelineFetch[] = [];
  try {
    for (const pipeline of selected) {
      const result = await fetchPipeline(pipeline, { rawDir: values.raw ?? DEFAULT_RAW, allowShrink: values["allow-shrink"] ?? false, limits, dispatcher });
      results.push(result);
      if (!values.json) ctx.out(format(result));
    }
  } finally {
    await dispatcher.close();
  }
  if (values.json) ctx.out(JSON.stringify(values.all || results.length > 1 ? results : results[0], null, 2));
  return results.some((r) => r.exitCode !== 0) ? EXIT.DATA_FAILED : EXIT.OK;
}
