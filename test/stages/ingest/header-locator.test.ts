import { describe, expect, it } from "vitest";
import { mergeDialect } from "../../../src/stages/ingest/dialect.js";
import { HeaderLocator } from "../../../src/stages/ingest/header-locator.js";

const rec = (line: number, ...cells: string[]) => ({ line, cells });

describe("HeaderLocator", () => {
  it("takes the first non-blank record when no header text is declared", () => {
    const l = new HeaderLocator(mergeDialect());
    expect([l.offer(rec(1, "")), l.offer(rec(2, "", "")), l.offer(rec(3, "country", "2018"))]).toEqual(["preamble", "preamble", "header"]);
    expect(l.preamble.map((r) => r.line)).toEqual([1, 2]);
  });

  it("skips skipRows records whatever they hold, then blank ones", () => {
    const l = new HeaderLocator(mergeDialect({}, { skipRows: 2 }));
    expect([l.offer(rec(1, "Title")), l.offer(rec(2, "Notes")), l.offer(rec(3, "")), l.offer(rec(4, "a", "b"))]).toEqual(["preamble", "preamble", "preamble", "header"]);
  });

  it("finds the World Bank header after its preamble by its first cell", () => {
    const l = new HeaderLocator(mergeDialect({ headerStartsWith: "Country Name" }));
    const seen = [rec(1, "Data Source", "World Development Indicators", ""), rec(2, ""), rec(3, "Last Updated Date", "2022-05-25", ""), rec(4, ""), rec(5, "Country Name", "Country Code")].map((r) =>
      l.offer(r),
    );
    expect(seen).toEqual(["preamble", "preamble", "preamble", "preamble", "header"]);
    expect(l.preamble).toHaveLength(4);
  });

  it("gives up after the limit, and names a header joined by another delimiter", () => {
    const l = new HeaderLocator(mergeDialect({ headerStartsWith: "Country Name" }), 3);
    expect([l.offer(rec(1, "Data Source;WDI;;")), l.offer(rec(2, "Country Name;Country Code;1960;")), l.offer(rec(3, "Aruba;ABW;1;")), l.offer(rec(4, "x"))]).toEqual([
      "preamble",
      "preamble",
      "preamble",
      "not-found",
    ]);
    expect(l.problem()).toMatchObject({ code: "INGEST_LAYOUT_MISMATCH", line: 2, value: "Country Name;Country Code;1960;", rule: expect.stringContaining('is the delimiter ";"?') });
    expect(() => l.offer(rec(5, "y"))).toThrow(/after the header was found or given up/);
  });

  it("says when no record starts with the header text", () => {
    const l = new HeaderLocator(mergeDialect({ headerStartsWith: "Country Name" }));
    l.offer(rec(1, "country", "1960"));
    expect(l.problem()).toEqual({ code: "INGEST_LAYOUT_MISMATCH", line: null, column: null, value: null, rule: 'no header row: the file has no record anywhere whose first cell is "Country Name"' });
    expect(new HeaderLocator(mergeDialect()).problem()).toMatchObject({ code: "INGEST_FILE_EMPTY" });
  });
});
