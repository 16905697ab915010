/**
 * The benchmark's second and third workloads (issue 16): the World Bank–shaped file
 * (bench/generate-wide.ts) and the warning-heavy figures file against its clean twin
 * (bench/dataset.ts). Same seed, same bytes; the shapes they promise, checked by running their
 * pipelines on small sizes. Nothing here is timed.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/index.js";
import { CLEAN_OPTIONS, ensureDataset, WARNING_EVERY, WARNINGS_OPTIONS } from "../../bench/dataset.js";
import { generateWide, WIDE_FILE, WIDE_GENERATOR_VERSION, WIDE_INDICATORS, type WideOptions } from "../../bench/generate-wide.js";
import { BENCH_PIPELINE_ID, inexactPrint, writeDataset } from "../../bench/generate.js";
import benchFigures from "../../bench/pipeline.js";
import benchWide from "../../bench/pipeline-wide.js";
import { tempDir } from "../helpers/fixtures.js";

const EPOCH = { SOURCE_DATE_EPOCH: "1767225600" };

function wide(options: WideOptions) {
  const chunks: string[] = [];
  const stats = generateWide(options, (c) => chunks.push(c));
  const text = chunks.join("");
  return { text, stats, sha256: createHash("sha256").update(text).digest("hex") };
}

describe("bench wide workload: a World Bank bulk file of N observations", () => {
  it("writes the same bytes for the same seed, and other bytes for another seed", () => {
    const a = wide({ rows: 5000, seed: 7 });
    expect(wide({ rows: 5000, seed: 7 }).sha256).toBe(a.sha256);
    expect(wide({ rows: 5000, seed: 8 }).sha256).not.toBe(a.sha256);
    // When these bytes change on purpose, bump WIDE_GENERATOR_VERSION along with the hash.
    expect({ version: WIDE_GENERATOR_VERSION, sha256: a.sha256 }).toEqual({ version: 1, sha256: "2b85f3c5216a1020e0546efac4ada784be0bf1ef0f2fac460def3517ed055ec1" });
  });

  it("has the World Bank file's shape: BOM, preamble, year columns, trailing empty column, CRLF, quoted cells, aggregates, empty cells", () => {
    const { text, stats } = wide({ rows: 20000, seed: 7 });
    const lines = text.split("\r\n");
    expect(lines.slice(0, 4)).toEqual(['\uFEFF"Data Source","World Development Indicators",', "", '"Last Updated Date","2022-05-25",', ""]);
    const header = lines[4]!;
    expect(header.startsWith('"Country Name","Country Code","Indicator Name","Indicator Code","1960","1961",')).toBe(true);
    expect(header.endsWith('"2020","2021",')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    const rows = lines.slice(5, -1);
    expect(rows).toHaveLength(stats.records);
    // 4 id cells, 62 years, the empty last one: 66 commas outside quotes in every row.
    for (const row of rows) expect(row.replace(/"[^"]*"/g, "").length, row.slice(0, 60)).toBe(66);
    const cells = rows.flatMap((r) => r.split('","').slice(4));
    const filled = cells.filter((c) => c !== "" && c !== '"' && c !== '",').length;
    expect(filled).toBe(20000);
    expect(stats.emptyCells).toBe(rows.length * 62 - 20000);
    expect(stats.emptyCells / (rows.length * 62)).toBeGreaterThan(0.2);
    expect(text).toContain('"World","WLD","Population, total","SP.POP.TOTL"');
    expect(text).toContain('"Sub-Saharan Africa","SSF"');
    expect(text).toContain('"Kosovo","XKX"');
    expect(text).toMatch(/"\d\.\d+E-0\d"/);
    expect(stats.indicators).toBeLessThanOrEqual(WIDE_INDICATORS.length);
  });

  it("is read by the worldBank reader of bench-wide: every observation published, the empty cells counted as missing", async () => {
    const dir = tempDir("openfigures-bench-wide-");
    const ds = ensureDataset(dir, 20000, 7, "wide");
    expect(ds.file.endsWith(`/bench-wide/${WIDE_FILE}`)).toBe(true);
    const r = await runPipeline(benchWide, { rawDir: ds.rawDir, outDir: join(dir, "out"), env: EPOCH });
    expect(r.error).toBeNull();
    expect(r.status).toBe("succeeded");
    expect(r.inputs).toEqual([
      {
        input: "wide",
        file: WIDE_FILE,
        reader: "world-bank",
        rowsIn: ds.stats.records,
        rowsPublished: ds.stats.records,
        rowsRejected: 0,
        values: { in: 20000, published: 20000, rejected: 0, missing: ds.stats.emptyCells },
      },
    ]);
    expect(r.summary.errors).toBe(0);
    // The second call finds the dataset on disk.
    expect(ensureDataset(dir, 20000, 7, "wide").generatedS).toBeNull();
  });
});

/** The figures.csv lines of the warnings a run listed in validation.json. */
function warningLines(outDir: string): number[] {
  const v = JSON.parse(readFileSync(join(outDir, BENCH_PIPELINE_ID, "validation.json"), "utf8")) as { issues: { severity: string; file: string | null; line: number | null }[] };
  return v.issues.filter((i) => i.severity === "warning" && i.file === "figures.csv").map((i) => i.line!);
}

describe("bench warnings workload: every group of rows raises warnings, against a clean file of the same generator", () => {
  it("prints a figure with more digits than a double holds, the same figure", () => {
    expect(inexactPrint("45.7 million")).toBe("45.700000000000000000001 million");
    expect(inexactPrint("51,392,570")).toBe("51,392,570.00000000000000000001");
    expect(inexactPrint("12.9%")).toBe("12.900000000000000000001%");
  });

  it("the warnings file raises warnings in every group of 100 rows, the clean one none; both publish every row", async () => {
    const rows = 3000;
    const dir = tempDir("openfigures-bench-warnings-");
    const heavy = writeDataset(join(dir, "warnings"), { rows, seed: 7, ...WARNINGS_OPTIONS });
    const clean = writeDataset(join(dir, "clean"), { rows, seed: 7, ...CLEAN_OPTIONS });
    expect(heavy.inexact).toBeGreaterThanOrEqual(rows / WARNING_EVERY - 1);
    expect(heavy.skewed).toBeGreaterThan(0);
    expect([heavy.brokenRows, clean.brokenRows, clean.skewed, clean.inexact]).toEqual([0, 0, 0, 0]);
    for (const [name, stats] of [
      ["warnings", heavy],
      ["clean", clean],
    ] as const) {
      const out = join(dir, name, "out");
      const r = await runPipeline(benchFigures, { rawDir: stats.rawDir, outDir: out, env: EPOCH });
      expect(r.status, name).toBe("succeeded");
      expect(r.inputs.find((i) => i.file === "figures.csv")?.values, name).toEqual({ in: rows, published: rows, rejected: 0, missing: 0 });
      const lines = warningLines(out);
      if (name === "clean") {
        expect(lines).toEqual([]);
        continue;
      }
      expect(r.summary.byCode.find((c) => c.code === "VALIDATE_INEXACT_NUMBER")?.count).toBe(heavy.inexact);
      // Data rows start on line 2; a quoted sentence may hold a line break, so the last line is
      // a little past rows + 1.
      const groups = new Set(lines.map((l) => Math.floor((l - 2) / 100)));
      expect(groups.size).toBe(rows / 100);
    }
  });
});
