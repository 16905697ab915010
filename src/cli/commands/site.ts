/**
 * `openfigures site`: rebuilds the catalogue site of an out folder from what is published
 * (src/site/site.ts): every dataset's page, the catalogue page, catalog.json and feed.xml. A run
 * does the same after it publishes; this command is for a copied folder, a new base URL, or
 * pages lost. Exit 0 when everything was written; 1 when a dataset could not be read; 3 when a
 * page was left to a run holding its pipeline's lock; 2 for a usage error or no such folder.
 */
import { EXIT } from "../../contracts/result.js";
import { SiteError, writeSite, type SiteResult } from "../../site/site.js";
import { BASE_URL_ENV, BaseUrlError, baseUrlFromEnv, parseBaseUrl } from "../../site/urls.js";
import { COMMON, DEFAULT_OUT, UsageError, parse } from "../args.js";
import type { CommandContext } from "../context.js";

export const OPTIONS = { ...COMMON, out: { type: "string" }, "base-url": { type: "string" } } as const;

function baseUrl(option: string | undefined, env: NodeJS.ProcessEnv): string | null {
  try {
    return option !== undefined ? parseBaseUrl(option) : baseUrlFromEnv(env);
  } catch (err) {
    if (err instanceof BaseUrlError) throw new UsageError(`Invalid ${option !== undefined ? "option --base-url" : `${BASE_URL_ENV}`}: ${err.message}`, "site");
    throw err;
  }
}

function format(r: SiteResult): string {
  const lines = [`site: ${r.out}`];
  lines.push(r.baseUrl === null ? `  no base URL: catalog.json, feed.xml and the pages' JSON-LD link relatively (--base-url or ${BASE_URL_ENV} gives absolute URLs)` : `  base URL ${r.baseUrl}`);
  lines.push(`  ${r.datasets.length === 1 ? "1 dataset" : `${r.datasets.length} datasets`} in the catalogue${r.datasets.length > 0 ? `: ${r.datasets.join(", ")}` : ""}`);
  if (r.written.length > 0) lines.push(`  ✔ wrote ${r.written.join(", ")}`);
  if (r.unchanged.length > 0) lines.push(`  ✔ unchanged ${r.unchanged.join(", ")}`);
  for (const s of r.skipped) lines.push(`  – ${s.dataset}: page not rebuilt: ${s.reason}`);
  for (const p of r.problems) lines.push(`  ✘ ${p.dataset}: ${p.problem}`);
  return lines.join("\n");
}

export async function site(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("site", args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`site builds the pages of every dataset in the output folder and takes no pipeline ids, got ${positionals.join(" ")}`, "site");
  const base = baseUrl(values["base-url"], process.env);
  let result: SiteResult;
  try {
    result = await writeSite({ out: values.out ?? DEFAULT_OUT, baseUrl: base, env: process.env });
  } catch (err) {
    if (!(err instanceof SiteError)) throw err;
    ctx.err(`openfigures site: ${err.message}`);
    return EXIT.USAGE;
  }
  ctx.out(values.json ? JSON.stringify(result, null, 2) : format(result));
  if (result.problems.length > 0) return EXIT.DATA_FAILED;
  return result.skipped.length > 0 ? EXIT.LOCKED : EXIT.OK;
}
