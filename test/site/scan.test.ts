/**
 * The pass over a release's data CSV: records as the CSV writer writes them (quoted commas,
 * doubled quotes, line breaks inside quotes), read back cell for cell; counts per source;
 * quotes of prose figures only; and the summary's observations, through the PDF's digest,
 * whatever the number of entities.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../src/format/csv.js";
import { MAX_CELL, MAX_QUOTE, scanData } from "../../src/site/scan.js";
import { tempDir } from "../helpers/fixtures.js";
import { PIPELINE, siteFolder } from "../helpers/site.js";

const HEADER = ["country", "country_name", "indicator", "indicator_name", "period", "value", "unit", "method", "value_as_printed", "source_ids", "formula", "derived_from", "quote"];

function row(country: string, quote: string, extra: Partial<Record<string, string>> = {}): string[] {
  const cells: Record<string, string> = {
    country,
    country_name: `Name of ${country}`,
    indicator: "population",
    indicator_name: "Population",
    period: "2018",
    value: "1000",
    unit: "persons",
    method: "reported",
    value_as_printed: "1,000",
    source_ids: "src-a",
    formula: "",
    derived_from: "",
    quote,
    ...extra,
  };
  return HEADER.map((h) => cells[h]!);
}

function csvFile(rows: string[][], eol = "\n", bom = ""): string {
  const path = join(tempDir(), "indicators.csv");
  writeFileSync(path, `${bom}${[HEADER, ...rows].map(csvLine).join(eol)}${eol}`);
  return path;
}

describe("scanData", () => {
  it("reads every record cell for cell: quoted commas, doubled quotes and line breaks inside quotes", async () => {
    const rows = [
      row("CHN", 'He said "829, not 830".\nThen he left.'),
      row("KEN", "One, two, three."),
      row("NGA", 'Ends with a quote: ""'),
      row("GHA", "derived", { method: "derived", source_ids: "src-a;src-b", formula: "a * b", quote: "" }),
    ];
    const scan = await scanData(csvFile(rows));
    expect(scan.columns).toEqual(HEADER);
    expect(scan.total).toBe(4);
    expect(scan.firstRows).toEqual(rows);
    expect(scan.reported).toBe(3);
    expect(scan.derived).toBe(1);
    expect(scan.sources.get("src-a")).toMatchObject({ reported: 3, derived: 1 });
    expect(scan.sources.get("src-b")).toMatchObject({ reported: 0, derived: 1 });
    expect([...scan.sources.get("src-a")!.quotes.keys()]).toEqual(['He said "829, not 830".\nThen he left.', "One, two, three."]);
    expect(scan.formulas.get("population")).toEqual(new Set(["a * b"]));
    expect([...scan.entities.keys()]).toEqual(["CHN", "KEN", "NGA", "GHA"]);
  });

  it("reads a file saved with CRLF line ends and a byte-order mark the same", async () => {
    const rows = [row("CHN", "A sentence.\r\nAnother."), row("KEN", "Plain.")];
    const lf = await scanData(csvFile(rows));
    const crlf = await scanData(csvFile(rows, "\r\n", "\uFEFF"));
    expect(crlf.columns).toEqual(HEADER);
    expect(crlf.firstRows).toEqual(lf.firstRows);
    expect(crlf.total).toBe(2);
  });

  it("keeps the start of a long quote and of a long cell: a 2 MiB quote over 4,096 lines", async () => {
    const long = `${Array.from({ length: 4096 }, (_, i) => `Line ${i} of a long "quoted" text, ${"x".repeat(480)}`).join("\n")}.`;
    expect(long.length).toBeGreaterThan(2 << 20);
    const scan = await scanData(csvFile([row("CHN", long), row("KEN", "After it.")]));
    expect(scan.total).toBe(2);
    expect(scan.firstRows[0]![12]).toBe(`${long.slice(0, MAX_CELL)}\u2026`);
    expect([...scan.sources.get("src-a")!.quotes.keys()]).toEqual([`${long.slice(0, MAX_QUOTE)}\u2026`, "After it."]);
  });

  it("says so when the file ends inside a quoted field", async () => {
    const path = join(tempDir(), "indicators.csv");
    writeFileSync(path, `${HEADER.join(",")}\nCHN,"never closed\n`);
    await expect(scanData(path)).rejects.toThrow(`${path}: the file ends inside a quoted field`);
  });

  it("keeps the summary's observations whatever the number of entities", async () => {
    const codes = Array.from({ length: 300 }, (_, i) => `A${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
    const many = await scanData(csvFile(codes.map((c) => row(c, ""))));
    expect(many.digest.observations().map((o) => o.country)).toEqual(codes);
    expect(many.entities.size).toBe(300);
  });

  it("keeps, past the digest's bound, the latest periods of each series (memory bounded)", async () => {
    // 3 series of 100 years each, bounded at 50 kept in all: each keeps its latest 10.
    const rows = ["AAA", "BBB", "CCC"].flatMap((c) => Array.from({ length: 100 }, (_, i) => row(c, "", { period: String(1901 + i) })));
    const { ObservationDigest } = await import("../../src/report/digest.js");
    const digest = new ObservationDigest({ maxKept: 50, seriesPeriods: 10 });
    const scan = await scanData(csvFile(rows), digest);
    expect(scan.total).toBe(300);
    const kept = scan.digest.observations();
    expect(kept).toHaveLength(30);
    expect(kept.filter((o) => o.country === "BBB").map((o) => o.period)).toEqual(Array.from({ length: 10 }, (_, i) => String(1991 + i)));
    expect(scan.digest.note()).toContain("This release has 300 observations; this summary is built from the latest 10 periods of each series (30 observations).");
  });
});

describe("a page of a release with many entities and no PDF", () => {
  it("draws the summary's default choice (the highest and lowest), and says it took every code for a country", async () => {
    const countries = ["KEN", "CHN", "NGA", "GHA", "ZAF", "EGY", "ETH", "TZA", "UGA", "RWA", "SEN", "CIV", "CMR", "MAR", "DZA", "TUN"];
    const s = siteFolder();
    await s.publish(countries.map((c, i) => `${c},population,2018,${10 + i} million,persons,src-b,table 1 row ${i + 1}`));
    const page = s.read(`${PIPELINE}/index.html`);
    expect(page).toContain("This release has no PDF summary, which records which codes are groups: the figures and charts here are the summary&#39;s default choice, every code taken for a country.");
    expect(page).toContain("<figcaption>The 5 highest and 5 lowest compared, 2018</figcaption>");
    expect(page).toContain("All 16 countries ranked: Population, 2018");
    expect(page).toContain("<caption>All 16 rows of indicators.csv</caption>");
    expect(page).toMatch(/<code id="source-src-b">src-b<\/code>.*<td class="num">16<\/td><td class="num">0<\/td>/);
  });
});
