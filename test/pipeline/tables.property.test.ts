/**
 * Properties of table inputs through the whole engine:
 * - every non-empty cell of a wide file is published or rejected exactly once, at its place
 *   (line, column), as written, and the input's accounting says so;
 * - read in worker threads (batches crossing records), the outputs are the same bytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readers } from "../../src/index.js";
import { WDI, readerFixture, runTables, tablesPipeline } from "../helpers/tables.js";

const YEARS = ["2015", "2016", "2017", "2018"];
const CODES = ["KEN", "CHN", "TZA", "UGA", "WLD"];
const CELLS = ["12.5", "4.37E-06", "0", "", "", "..", "abc", "1.2.3", "99.1", "1e400"];

type Row = { code: string; cells: string[]; shape: "fits" | "short" | "long" };

const rowArb = fc.record({
  code: fc.constantFrom(...CODES),
  cells: fc.array(fc.constantFrom(...CELLS), { minLength: YEARS.length, maxLength: YEARS.length }),
  shape: fc.constantFrom<Row["shape"]>("fits", "fits", "fits", "fits", "short", "long"),
});

function file(rows: Row[]): string {
  const lines = [["country", "code", ...YEARS].join(",")];
  for (const r of rows) {
    const cells = r.shape === "short" ? r.cells.slice(0, -1) : r.shape === "long" ? [...r.cells, "7"] : r.cells;
    lines.push([`"Name of ${r.code}"`, r.code, ...cells].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** The non-empty, non-missing value cells (past the header included) a row holds. */
function valuesOf(r: Row): number {
  const cells = r.shape === "short" ? r.cells.slice(0, -1) : r.shape === "long" ? [...r.cells, "7"] : r.cells;
  return cells.filter((c) => c.trim() !== "" && c !== "..").length;
}

const reader = readers.wide({ entity: { code: "code", name: "country", codePattern: "^[A-Z]{3}$" }, periods: "years", indicator: "internet_users_share", source: WDI });
const pipeline = tablesPipeline({ wide: { file: "wide.csv", reader, dialect: { missing: ["", ".."] } } });

describe("a wide file through the engine", () => {
  it("publishes or rejects every non-empty cell exactly once, at its line and column, as written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 12 }), async (rows) => {
        const { result, csv } = await runTables(pipeline, { "wide.csv": file(rows) });
        expect(result.status).toBe("succeeded");
        const published = csv("indicators.csv");
        const rejects = csv("rejects.csv");
        const places = published.map((p) => `${p.source_line}:${p.source_column}`);
        expect(new Set(places).size).toBe(places.length);
        for (const p of published) {
          const row = rows[Number(p.source_line) - 2]!;
          expect(row.shape).toBe("fits");
          expect(row.cells[YEARS.indexOf(p.source_column!)]).toBe(p.value_as_printed);
        }
        for (const r of rejects) if (r.column !== "") expect(places).not.toContain(`${r.line}:${r.column}`);
        rows.forEach((row, i) => {
          // A row that does not fit its header is rejected whole, and none of its cells publishes.
          if (row.shape !== "fits" && valuesOf(row) > 0) {
            expect(rejects.some((r) => r.line === String(i + 2) && r.column === "")).toBe(true);
            expect(published.some((p) => p.source_line === String(i + 2))).toBe(false);
          }
        });
        const expected = rows.reduce((n, r) => n + valuesOf(r), 0);
        const v = result.inputs[0]!.values;
        expect(v.in).toBe(expected);
        expect(v.published).toBe(published.length);
        expect(v.published + v.rejected).toBe(v.in);
      }),
      { numRuns: 25 },
    );
  });
});

describe("worker threads read tables as the main thread does", () => {
  it("a World Bank file of 320 rows, with bad cells and repeated rows, gives the same bytes in either", async () => {
    const body = readerFixture("wb-api.csv").toString("utf8");
    const [head, rows] = [body.slice(0, body.indexOf('"Africa Western')), body.slice(body.indexOf('"Africa Western'))];
    const many = Array.from({ length: 40 }, (_, k) => rows.replaceAll('"19.5"', `"${19 + k / 10}"`).replaceAll('"83"', k % 7 === 0 ? '"abc"' : '"83"')).join("");
    const text = head + many;
    const entities = {
      list: [
        { code: "WLD", name: "World", kind: "aggregate" as const },
        { code: "AFW", name: "Africa Western and Central", kind: "region" as const },
        { code: "XKX", name: "Kosovo", kind: "country" as const },
      ],
    };
    const p = tablesPipeline({ internet: { file: "api.csv", reader: readers.worldBank({ indicators: { "IT.NET.USER.ZS": "internet_users_share" }, source: WDI }) } }, { entities });
    const outputs = async (env: Record<string, string>) => {
      const { result, dir } = await runTables(p, { "api.csv": text }, { env: { SOURCE_DATE_EPOCH: "1572000000", ...env } });
      expect(result.status).toBe("succeeded");
      return { inputs: result.inputs, files: ["indicators.csv", "indicators.json", "rejects.csv", "validation.json"].map((f) => readFileSync(join(dir, f), "utf8")) };
    };
    const main = await outputs({ OPENFIGURES_WORKERS: "0" });
    const workers = await outputs({ OPENFIGURES_WORKERS: "2", OPENFIGURES_BATCH_CHARS: String(4 << 10) });
    expect(workers).toEqual(main);
    // Every repeated cell after the first is rejected; KEN's 2018, given 40 values by one
    // source, is rejected in every copy: KEN keeps 1994, 1995, 2019 and 2020.
    expect(main.inputs[0]!.values).toEqual({ in: 1240, published: 30, rejected: 1210, missing: 680 });
    expect(
      main.files[0]!.split("\n")
        .filter((l) => l.startsWith("KEN,"))
        .map((l) => l.split(",")[4]),
    ).toEqual(["1994", "1995", "2019", "2020"]);
  });
});
