/**
 * A warning-heavy input, generated here (seeded): countries × monthly figures where about half
 * the shares disagree with count ÷ population and about half the penetrations are far from the
 * share, plus rows that are rejected. Issue 11: such an input (50,000 rows) gave 1.56 million
 * warnings, because every monthly share was compared with every month of its year, and a 1 GB
 * validation.json, because it listed every warning.
 *
 * What must hold: warning counts exactly as the year-matching rule gives (one comparison per
 * month), validation.json with exact counts and at most N examples per code, its size the same
 * for an input four times larger, and rejects.csv listing every rejected row.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { checks, runPipeline, targets } from "../../src/index.js";
import { countryCodes } from "../../src/figures/countries.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

const EXAMPLES = 100;
const YEARS = [2018, 2019];
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));

/** mulberry32: a small seeded generator, so the data is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  csv: string;
  /** What the rule says a run must find. */
  shareMismatches: number[];
  conceptGaps: number[];
  rejected: number[];
  derived: number;
  rows: number;
}

/** `countries` countries, each generated from its own seed: a larger input starts with a smaller one. */
function generate(countries: number, seed = 20191025): Generated {
  const lines: string[] = [];
  const out: Generated = { csv: "", shareMismatches: [], conceptGaps: [], rejected: [], derived: 0, rows: 0 };
  const add = (line: string) => {
    lines.push(line);
    return lines.length + 1; // the physical line: the header is line 1
  };
  for (const [i, country] of countryCodes().slice(0, countries).entries()) {
    const rand = random(seed + i);
    // Three of the country's 98 rows are preceded by a row whose value is no number.
    const bad = new Set([3, 40, 77].map((k) => k + Math.floor(rand() * 10)));
    let n = 0;
    const row = (indicator: string, period: string, value: string, unit: string) => {
      if (bad.has(n++)) out.rejected.push(add(`${country},${indicator},${period},n/a,${unit},src-a,a value that is not a number`));
      return add(`${country},${indicator},${period},${value},${unit},${period.length === 4 ? "src-b" : "src-a"},generated`);
    };
    for (const year of YEARS) {
      const population = 1_000_000 + Math.floor(rand() * 99_000_000);
      row("population", String(year), String(population), "persons");
      for (const month of MONTHS) {
        const period = `${year}-${month}`;
        const users = Math.round(population * (0.05 + rand() * 0.35));
        const consistent = Number(((users / population) * 100).toFixed(1));
        const share = rand() < 0.5 ? consistent : Number((consistent + 5 + rand() * 5).toFixed(1));
        const penetration = Number((share * (rand() < 0.5 ? 1.1 : 1.8)).toFixed(1));
        const subscriptions = Math.round(population * (0.5 + rand()));
        row("internet_users", period, String(users), "persons");
        const shareLine = row("internet_users_share", period, String(share), "percent");
        const penetrationLine = row("internet_penetration", period, String(penetration), "percent");
        row("data_subscriptions", period, String(subscriptions), "subscriptions");
        // The checks' own arithmetic, on the values as printed: one comparison per month.
        if (Math.abs((users / population) * 100 - share) > 2) out.shareMismatches.push(shareLine);
        if (Math.abs(share - penetration) / Math.min(share, penetration) > 0.25) out.conceptGaps.push(Math.min(shareLine, penetrationLine));
        out.derived++;
      }
    }
  }
  out.rows = lines.length;
  out.csv = figuresCsv(lines);
  return out;
}

const pipeline = (reportExamples?: number) =>
  testPipeline({
    checks: [
      ...checks.standard(),
      checks.shareOfPopulation({ share: "internet_users_share", count: "internet_users", population: "population", tolerance: 2 }),
      checks.conceptGap({ concept: "internet-use-share", tolerance: 0.25 }),
    ],
    derivations: [{ indicator: "subscriptions_per_100", formula: "data_subscriptions / population * 100", match: "year", decimals: 1 }],
    outputs: [targets.csv()],
    ...(reportExamples === undefined ? {} : { reportExamples }),
  });

async function runOn(data: Generated, options: { reportExamples?: number; pipelineExamples?: number } = {}) {
  const { raw, out } = rawFolder("test-figures", { "figures.csv": data.csv, "sources.csv": SOURCES_CSV });
  const result = await runPipeline(pipeline(options.pipelineExamples), {
    rawDir: raw,
    outDir: out,
    maxRejected: "100%",
    env: { SOURCE_DATE_EPOCH: "1572000000" },
    ...(options.reportExamples === undefined ? {} : { reportExamples: options.reportExamples }),
  });
  const dir = join(out, "test-figures");
  const text = readFileSync(join(dir, "validation.json"), "utf8");
  return {
    result,
    bytes: statSync(join(dir, "validation.json")).size,
    report: JSON.parse(text) as {
      summary: { examplesPerCode: number; byCode: { code: string; count: number; listed: number; omitted: number }[] };
      issues: { code: string; line: number | null }[];
    },
    rejects: parse(readFileSync(join(dir, "rejects.csv")), { columns: true }) as Record<string, string>[],
    derived: (parse(readFileSync(join(dir, "indicators.csv")), { columns: true }) as Record<string, string>[]).filter((r) => r.method === "derived").length,
  };
}

const byCode = (report: Awaited<ReturnType<typeof runOn>>["report"]) => Object.fromEntries(report.summary.byCode.map((c) => [c.code, [c.count, c.listed, c.omitted]]));

describe("a warning-heavy input (generated: countries × months)", () => {
  const small = generate(60);
  const large = generate(240);

  it("gives the warnings the year-matching rule gives, one comparison per month", async () => {
    const { result, derived } = await runOn(small, { pipelineExamples: EXAMPLES });
    expect(small.rows).toBe(60 * 2 * (1 + 12 * 4) + small.rejected.length);
    expect(result.status).toBe("succeeded");
    expect(Object.fromEntries(result.summary.byCode.map((c) => [c.code, c.count]))).toEqual({
      CHECK_CONCEPT_GAP: small.conceptGaps.length,
      CHECK_SHARE_MISMATCH: small.shareMismatches.length,
      VALIDATE_INVALID_TYPE: small.rejected.length,
    });
    // About half of 1,440 months each; the cross product of months gave twelve times more.
    expect(small.shareMismatches.length).toBeGreaterThan(500);
    expect(small.conceptGaps.length).toBeGreaterThan(500);
    expect(small.rejected.length).toBe(180);
    // A monthly count over an annual population: one derived row per month.
    expect(derived).toBe(small.derived);
  });

  it("lists the first N issues of each code in validation.json, with exact counts, and every rejected row in rejects.csv", async () => {
    const { report, rejects } = await runOn(small, { pipelineExamples: EXAMPLES });
    expect(report.summary.examplesPerCode).toBe(EXAMPLES);
    expect(byCode(report)).toEqual({
      CHECK_CONCEPT_GAP: [small.conceptGaps.length, EXAMPLES, small.conceptGaps.length - EXAMPLES],
      CHECK_SHARE_MISMATCH: [small.shareMismatches.length, EXAMPLES, small.shareMismatches.length - EXAMPLES],
      VALIDATE_INVALID_TYPE: [small.rejected.length, EXAMPLES, small.rejected.length - EXAMPLES],
    });
    expect(report.issues).toHaveLength(3 * EXAMPLES);
    const lines = (code: string) => report.issues.filter((i) => i.code === code).map((i) => i.line);
    expect(lines("CHECK_SHARE_MISMATCH")).toEqual(small.shareMismatches.slice(0, EXAMPLES));
    expect(lines("CHECK_CONCEPT_GAP")).toEqual(small.conceptGaps.slice(0, EXAMPLES));
    expect(lines("VALIDATE_INVALID_TYPE")).toEqual(small.rejected.slice(0, EXAMPLES));
    expect(rejects.map((r) => [Number(r.line), r.codes, r.value])).toEqual(small.rejected.map((line) => [line, "VALIDATE_INVALID_TYPE", "n/a"]));
  });

  it("writes a validation.json of the same size for an input four times larger", async () => {
    const a = await runOn(small, { pipelineExamples: EXAMPLES });
    const b = await runOn(large, { pipelineExamples: EXAMPLES });
    expect(large.rows).toBeGreaterThan(4 * small.rows - 10);
    expect(b.result.summary.warnings).toBe(large.shareMismatches.length + large.conceptGaps.length);
    expect(b.report.issues).toHaveLength(3 * EXAMPLES);
    expect(b.rejects).toHaveLength(large.rejected.length);
    // The same first examples; only the counts in the summary have other digits.
    expect(b.report.issues).toEqual(a.report.issues);
    expect(Math.abs(b.bytes - a.bytes)).toBeLessThan(100);
    expect(b.bytes).toBeLessThan(3 * EXAMPLES * 2048 + 8192);
  });

  it("takes N from the run over the pipeline (like Frictionless's limit_errors)", async () => {
    const { report, result } = await runOn(small, { pipelineExamples: EXAMPLES, reportExamples: 7 });
    expect(report.summary.examplesPerCode).toBe(7);
    expect(byCode(report).CHECK_SHARE_MISMATCH).toEqual([small.shareMismatches.length, 7, small.shareMismatches.length - 7]);
    expect(report.issues).toHaveLength(21);
    // The run's own list (terminal, run.json, the PDF) keeps no more than the report.
    expect(result.issues.filter((i) => i.code === "CHECK_CONCEPT_GAP")).toHaveLength(7);
  });
});
