/** docs/fetching.md: its examples are valid and its output is what fetch prints. */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fetchLines } from "../../src/cli/format-fetch.js";
import { HELP } from "../../src/cli/help.js";
import { DEFAULT_LIMITS } from "../../src/fetch/limits.js";
import { parseManifest, serializeManifest } from "../../src/fetch/manifest.js";
import { checkRawSnapshots } from "../../src/pipeline/raw-snapshots.js";
import type { RefreshResult } from "../../src/fetch/snapshot.js";
import { readers } from "../../src/index.js";
import { tempDir } from "../helpers/fixtures.js";
import { testPipeline } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, remotePipeline } from "../helpers/remote.js";
import { docPage } from "../helpers/docs.js";

const section = docPage("docs/fetching.md");
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

describe("docs/fetching.md", () => {
  it("the input example is a valid definition", () => {
    const inputs = new Function("readers", `return ({${block("ts")}}).inputs;`)(readers);
    expect(testPipeline({ inputs }).inputs.figures).toMatchObject({ url: "https://data.example.org/exports/figures.zip", member: "figures_*.csv" });
  });

  it("the snapshots.json example is read as valid", () => {
    expect(parseManifest(block("json"), "docs/fetching.md")).toMatchObject({ ok: true });
  });

  it("the synopsis has the options of the help, and the defaults are the code's", () => {
    const synopsis = block("").split("\n")[0]!;
    const options = (text: string) =>
      [...text.matchAll(/--([a-z-]+)/g)]
        .map((m) => m[1])
        .filter((o) => o !== "help" && o !== "all")
        .sort();
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
    expect(shown).toEqual(["test-figures", ...results.flatMap((r) => fetchLines(r))]);
  });

  it("the line a run prints for a file that does not match snapshots.json is the one shown", async () => {
    const shown = block("", 2).trimEnd();
    const dir = tempDir();
    const [v1, v2] = [figures(4, "v1"), figures(5, "v2")];
    mkdirSync(join(dir, REMOTE_ID));
    writeFileSync(join(dir, REMOTE_ID, "figures.csv"), v2);
    const entry = { url: "https://data.example.org/figures.csv", sha256: createHash("sha256").update(v1).digest("hex"), bytes: v1.length, retrieved: "2026-12-05T10:00:00Z" };
    writeFileSync(join(dir, REMOTE_ID, "snapshots.json"), serializeManifest({ files: { "figures.csv": entry } }));
    const { problem } = await checkRawSnapshots(remotePipeline(entry.url), dir, false);
    expect(shown).toBe(`✘ failed in 0.01 s: ${problem}`);
  });

  it("the run --fetch example is what such a run prints first", () => {
    const shown = block("", 3).trimEnd().split("\n");
    const [v1, v2] = [figures(4, "v1"), figures(5, "v2")];
    const hash = (b: string) => createHash("sha256").update(b).digest("hex");
    const updated: RefreshResult = {
      file: "figures.csv",
      url: "https://data.example.org/figures.csv",
      notes: [],
      status: "updated",
      httpStatus: 200,
      from: { sha256: hash(v1), bytes: v1.length, rows: 4 },
      to: { sha256: hash(v2), bytes: v2.length, rows: 5 },
    };
    expect(shown).toEqual([`${REMOTE_ID}: fetch`, ...fetchLines(updated), `${REMOTE_ID}: Test figures`, "  why: figures.csv changed"]);
  });
});
