/** The README's "Fetching remote sources": its examples are valid and its output is what fetch prints. */
import { describe, expect, it } from "vitest";
import { formatFile } from "../../src/cli/commands/fetch.js";
import { HELP } from "../../src/cli/help.js";
import { DEFAULT_LIMITS } from "../../src/fetch/limits.js";
import { parseManifest } from "../../src/fetch/manifest.js";
import type { RefreshResult } from "../../src/fetch/snapshot.js";
import { readers } from "../../src/index.js";
import { testPipeline } from "../helpers/pipeline.js";
import { readmeSection } from "../helpers/readme.js";

const section = readmeSection("Fetching remote sources");
/** The code blocks of the section, in order, with their language ("" for none). */
function blocks(): { lang: string; text: string }[] {
  const found: { lang: string; text: string }[] = [];
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of section.split("\n")) {
    if (open === null && line.startsWith("```")) open = { lang: line.slice(3), lines: [] };
    else if (open !== null && line === "```") {
      found.push({ lang: open.lang, text: `${open.lines.join("\n")}\n` });
      open = null;
    } else open?.lines.push(line);
  }
  return found;
}
const block = (lang: string, n = 0) => blocks().filter((b) => b.lang === lang)[n]!.text;

describe("README: Fetching remote sources", () => {
  it("the input example is a valid definition", () => {
    const inputs = new Function("readers", `return ({${block("ts")}}).inputs;`)(readers);
    expect(testPipeline({ inputs }).inputs.figures).toMatchObject({ url: "https://data.example.org/exports/figures.zip", member: "figures_*.csv" });
  });

  it("the snapshots.json example is read as valid", () => {
    expect(parseManifest(block("json"), "README")).toMatchObject({ ok: true });
  });

  it("the synopsis has the options of the help, and the defaults are the code's", () => {
    const synopsis = block("").split("\n")[0]!;
    const options = (text: string) => [...text.matchAll(/--([a-z-]+)/g)].map((m) => m[1]).filter((o) => o !== "help" && o !== "all").sort();
    expect(options(synopsis)).toEqual(options(HELP.fetch!));
    expect(section).toContain(`\`--connect-timeout\`, default ${DEFAULT_LIMITS.connectTimeoutMs / 1000} s`);
    expect(section).toContain(`\`--timeout\`, default ${DEFAULT_LIMITS.totalTimeoutMs / 1000} s`);
    expect(section).toContain(`\`--retries\`, default ${DEFAULT_LIMITS.retries}`);
    expect(section).toContain(`default ${DEFAULT_LIMITS.maxBytes / (1 << 30)}G`);
    expect(section).toContain(`(at most ${DEFAULT_LIMITS.maxRedirects})`);
  });

  it("the printed example is what fetch prints for such results", () => {
    const shown = block("", 1).trimEnd().split("\n");
    const base = { notes: [], url: "https://data.example.org/meta.csv" };
    const sha = (start: string) => start.padEnd(64, "0");
    const results: RefreshResult[] = [
      { ...base, file: "figures.csv", status: "unchanged", why: "not-modified", httpStatus: 304, sha256: sha("0f6d8a2c51e4") },
      {
        ...base,
        file: "population.csv",
        status: "updated",
        httpStatus: 200,
        from: { sha256: sha("5b1c7e90d2aa"), bytes: 80000, rows: 266 },
        to: { sha256: sha("9e44f0c3b871"), bytes: 83112, rows: 271 },
        member: "API_SP.POP.TOTL_DS2_en_csv_v2_4150946.csv",
      },
      { ...base, file: "metadata.csv", status: "failed", httpStatus: 503, fault: "server-error", reason: "server error: answered 503 (after 4 attempts)", transient: true, attempts: 4 },
    ];
    expect(shown).toEqual(["test-figures", ...results.flatMap(formatFile)]);
  });
});
