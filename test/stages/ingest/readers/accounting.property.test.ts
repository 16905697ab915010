/**
 * Property: over generated wide files (missing cells, bad cells, rows a cell short or long,
 * values under the unnamed trailing column, bad codes, blank rows, names spanning lines), every
 * non-empty value cell is one figure or in one reject, exactly once; missing cells are
 * counted; and a record whose shape and ids are sound loses only its bad cells.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as readers from "../../../../src/stages/ingest/readers/index.js";
import { readFigures } from "../../../helpers/read-table.js";

type Cell = "value" | "exponent" | "empty" | "marker" | "blank" | "bad";
type RowKind = "good" | "short" | "long" | "underUnnamed" | "badCode" | "noCode" | "blankRow" | "multiline";

const CELL: Record<Cell, (i: number) => string> = {
  value: (i) => `${i}.5`,
  exponent: (i) => `${i + 1}.25E-06`,
  empty: () => "",
  marker: () => "..",
  blank: () => "  ",
  bad: (i) => (i % 2 ? "abc" : "1.2.3"),
};
const isMissing = (c: string) => c.trim() === "" || c === "..";

const reader = readers.wide({ entity: { code: "code", name: "country", codePattern: "^[A-Z]{3}$" }, periods: "years", indicator: "population", source: "src" });

function quote(c: string): string {
  return /[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c;
}

interface Expected {
  /** line:cell of every cell that must be published or rejected */
  cellsIn: Set<string>;
  /** line:cell that must be published (rows whose shape and ids are sound, good numbers) */
  published: Set<string>;
  missing: number;
}

function build(years: number, unnamed: boolean, rows: { kind: RowKind; cells: Cell[] }[]): { text: string; expected: Expected } {
  const header = ["country", "code", ...Array.from({ length: years }, (_, i) => String(2000 + i)), ...(unnamed ? [""] : [])];
  const width = header.length;
  const lines = [header.map(quote).join(",")];
  const expected: Expected = { cellsIn: new Set(), published: new Set(), missing: 0 };
  let line = 2;
  rows.forEach(({ kind, cells }, r) => {
    if (kind === "blankRow") {
      lines.push(",".repeat(width - 1));
      line++;
      return;
    }
    const name = kind === "multiline" ? `Name ${r}\nsecond line` : `Name ${r}`;
    const code = kind === "badCode" ? "K1" : kind === "noCode" ? "" : `K${String.fromCharCode(65 + (r % 26))}${String.fromCharCode(65 + ((r / 26) | 0))}`;
    const values = Array.from({ length: years }, (_, i) => CELL[cells[i % cells.length]!](i + r));
    let record = [name, code, ...values, ...(unnamed ? [""] : [])];
    if (kind === "short") record = record.slice(0, -1);
    if (kind === "long") record = [...record, "9"];
    if (kind === "underUnnamed") record = unnamed ? [...record.slice(0, -1), "7"] : [...record, "7"];
    const sound = kind === "good" || kind === "multiline";
    record.forEach((c, i) => {
      const key = `${line}:${i}`;
      const isValueColumn = i >= 2 && i < 2 + years;
      if (isValueColumn && isMissing(c)) expected.missing++;
      else if (isValueColumn || (i >= 2 + years && c.trim() !== "")) {
        expected.cellsIn.add(key);
        if (sound && !/abc|1\.2\.3/.test(c)) expected.published.add(key);
      }
    });
    lines.push(record.map(quote).join(","));
    line += kind === "multiline" ? 2 : 1;
  });
  return { text: `${lines.join("\r\n")}\r\n`, expected };
}

const rowArb = fc.record({
  kind: fc.constantFrom<RowKind>("good", "good", "good", "short", "long", "underUnnamed", "badCode", "noCode", "blankRow", "multiline"),
  cells: fc.array(fc.constantFrom<Cell>("value", "exponent", "empty", "marker", "blank", "bad"), { minLength: 1, maxLength: 6 }),
});

describe("wide reader accounting (property)", () => {
  it("every non-empty value cell is published or rejected exactly once; missing cells are counted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.array(rowArb, { maxLength: 20 }), (years, unnamed, rows) => {
        const { text, expected } = build(years, unnamed, rows);
        const run = readFigures(Buffer.from(text), reader, { missing: ["", ".."] });
        expect(run.problems).toEqual([]);
        const seen: string[] = [];
        for (const f of run.figures) seen.push(`${f.line}:${f.cell}`);
        for (const r of run.rejects) for (const c of r.item.cells) seen.push(`${r.line}:${c}`);
        expect(seen.length).toBe(new Set(seen).size); // never twice
        expect(new Set(seen)).toEqual(expected.cellsIn); // never lost, never invented
        expect(run.cellsIn).toBe(expected.cellsIn.size);
        expect(run.missing).toBe(expected.missing);
        expect(new Set(run.figures.map((f) => `${f.line}:${f.cell}`))).toEqual(expected.published);
        for (const rec of run.records) {
          for (const f of rec.read.figures) expect([rec.cells[f.cell], run.header!.cells[f.cell]]).toEqual([f.printed, f.column]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
