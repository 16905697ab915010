/**
 * The benchmark's dataset generator (bench/generate.ts): reproducible bytes, the share and kinds
 * of broken rows it promises, and rows the bench-figures pipeline accepts, every broken one
 * rejected for the reason it was broken. Small sizes only; nothing here is timed.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/index.js";
import { BROKEN_KINDS, FIGURES_HEADER, GENERATOR_VERSION, generateFigures, sourcesCsv, writeDataset, type DatasetOptions } from "../../bench/generate.js";
import benchFigures from "../../bench/pipeline.js";
import { tempDir } from "../helpers/fixtures.js";

function generate(options: DatasetOptions) {
  const chunks: string[] = [];
  const stats = generateFigures(options, (c) => chunks.push(c));
  const text = chunks.join("");
  return { text, stats, sha256: createHash("sha256").update(text).digest("hex") };
}

/** Builds a dataset at first use and hands the same one to every later caller. */
function once(options: DatasetOptions): () => ReturnType<typeof generate> {
  let made: ReturnType<typeof generate> | undefined;
  return () => (made ??= generate(options));
}

// Several tests read these two; each is generated once per file.
const small = once({ rows: 3000, seed: 7 });
const large = once({ rows: 20000, seed: 7 });

describe("bench generator", () => {
  it("writes the same bytes for the same seed, and other bytes for another seed", () => {
    const a = small();
    const b = generate({ rows: 3000, seed: 7 });
    const c = generate({ rows: 3000, seed: 8 });
    expect(b.sha256).toBe(a.sha256);
    expect(b.stats).toEqual(a.stats);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it("keeps the bytes of a generator version (cached datasets are keyed by it)", () => {
    // When these bytes change on purpose, bump GENERATOR_VERSION along with the hashes.
    const sources = createHash("sha256").update(sourcesCsv()).digest("hex");
    expect({ version: GENERATOR_VERSION, figures: small().sha256, sources }).toEqual({
      version: 1,
      figures: "0636b809542a6cc305a3b75ec9ea7e5b19c1aa069725593a804c61a37210edf2",
      sources: "3bbe96927feefa4ca19144742f4adf26233faa7f0f21522fc9fef35a97010cff",
    });
  });

  it("writes the header and exactly the rows asked for, spread over countries and indicators", () => {
    const { text } = generate({ rows: 5000, seed: 7 });
    expect(text.startsWith(`${FIGURES_HEADER}\n`)).toBe(true);
    // Records, not lines: a quoted sentence may hold a line break.
    const records = text.split(/\n(?=[A-Z]{3},)/).slice(1);
    expect(records).toHaveLength(5000);
    expect(new Set(records.map((r) => r.slice(0, 3))).size).toBeGreaterThan(200);
    expect(new Set(records.map((r) => r.split(",")[1])).size).toBe(45);
  });

  it("prints values and quotes the way sources do", () => {
    const { text, stats } = large();
    expect(text).toMatch(/,\d+(\.\d+)? (million|billion),/);
    expect(text).toMatch(/,"\d{1,3}(,\d{3})+",/);
    expect(text).toMatch(/,-?\d+\.\d%,percent,/);
    expect(text).toMatch(/,\d+\.\d percent,percent,/);
    expect(text).toMatch(/,\d{4}-\d{2},/);
    expect(text).toContain('""provisional""');
    expect(text).toMatch(/Türkiye|Curaçao|Åland Islands|Saint Barthélemy/);
    expect(stats.multiline).toBeGreaterThan(0);
    expect(text).toContain("\nRevised figure; see the statistical annex.");
  });

  it("breaks about 0.5% of the rows, in every kind", () => {
    const { stats } = large();
    expect(stats.brokenRows / stats.rows).toBeGreaterThan(0.004);
    expect(stats.brokenRows / stats.rows).toBeLessThan(0.006);
    expect(Object.values(stats.broken).reduce((a, b) => a + b, 0)).toBe(stats.brokenRows);
    for (const kind of BROKEN_KINDS) expect(stats.broken[kind], kind).toBeGreaterThan(0);
  });

  it("refuses a size outside its key space", () => {
    expect(() => generate({ rows: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generate({ rows: 20_000_000, seed: 1 })).toThrow(/at most|from 1 to/);
  });
});

describe("bench-figures pipeline on a generated dataset", () => {
  it("publishes every good row and rejects every broken one, for the reason it was broken", async () => {
    const dir = tempDir("openfigures-bench-");
    const stats = writeDataset(dir, { rows: 20000, seed: 11 });
    const r = await runPipeline(benchFigures, { rawDir: stats.rawDir, outDir: `${dir}/out`, env: { SOURCE_DATE_EPOCH: "1767225600" } });
    expect(r.error).toBeNull();
    expect(r.status).toBe("succeeded");
    const figures = r.inputs.find((i) => i.file === "figures.csv");
    const published = 20000 - stats.brokenRows;
    expect(figures).toEqual({
      input: "figures",
      file: "figures.csv",
      reader: "figures",
      rowsIn: 20000,
      rowsPublished: published,
      rowsRejected: stats.brokenRows,
      values: { in: 20000, published, rejected: stats.brokenRows, missing: 0 },
    });
    expect(r.inputs.find((i) => i.file === "sources.csv")?.rowsRejected).toBe(0);
    const errors: Record<string, number> = Object.fromEntries(r.summary.byCode.filter((c) => c.severity === "error").map((c) => [c.code, c.count]));
    const b = stats.broken;
    // A bad value is a type error, or a missing one when the value is empty: only their sum is known.
    const { VALIDATE_INVALID_TYPE = 0, VALIDATE_REQUIRED = 0, ...others } = errors;
    expect(VALIDATE_INVALID_TYPE).toBeGreaterThan(0);
    expect(VALIDATE_INVALID_TYPE + VALIDATE_REQUIRED).toBe(b["bad-value"]);
    expect(others).toEqual({
      CHECK_REFERENCE: b["unknown-source"],
      INGEST_TOO_FEW_CELLS: b["too-few-cells"],
      VALIDATE_NOT_ALLOWED: b["unknown-country"],
      VALIDATE_INVALID_FORMAT: b["bad-period"],
      CHECK_DUPLICATE_ROW: b.duplicate,
      VALIDATE_UNIT_MISMATCH: b["unit-mismatch"],
      INGEST_QUOTE_NOT_CLOSED: b["unclosed-quote"],
    });
    expect(r.summary.errors).toBe(stats.brokenRows);
  });
});
