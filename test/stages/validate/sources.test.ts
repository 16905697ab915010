import { describe, expect, it } from "vitest";
import { expectIssues } from "../../helpers/issues.js";
import { figuresCsv, sourcesCsv } from "../../helpers/pipeline.js";
import { runFigures } from "../../helpers/run-fixture.js";

describe("sources.csv rules", () => {
  it("checks ids, URLs, dates and licences, and that ids are unique", async () => {
    const sources = sourcesCsv([
      "src-a,Publisher A,Report A,https://example.org/a,2019-10-25,2026-11-29,CC-BY-4.0",
      "src-b,Publisher B,Table B,ftp://example.org/b,2022-05-25,2026-11-29,CC-BY-4.0",
      "src-c,Publisher C,Table C,https://example.org/c,2022-05,29/11/2026,CC-BY-4.0",
      "src-d,Publisher D,Table D,https://example.org/d,2022,2026-11-29,",
      "src-a,Publisher A again,Report A,https://example.org/a2,2019-10-25,2026-11-29,CC-BY-4.0",
    ]);
    const { result } = await runFigures(figuresCsv(["KEN,population,2018,51392570,persons,src-a,cell", "KEN,population,2019,52 million,persons,src-b,cell"]), { sources });
    expectIssues(result, [
      ["CHECK_REFERENCE", "figures.csv", 3, "source_id"],
      ["VALIDATE_INVALID_FORMAT", "sources.csv", 3, "url"],
      ["VALIDATE_INVALID_FORMAT", "sources.csv", 4, "accessed"],
      ["VALIDATE_REQUIRED", "sources.csv", 5, "license"],
      ["CHECK_NOT_UNIQUE", "sources.csv", 6, "source_id"],
    ]);
    expect(result.issues[0]!.message).toBe('figures.csv:3 field "source_id": expected a source_id of a valid row of sources.csv, got "src-b"');
    expect(result.issues[4]!.message).toBe('sources.csv:6 field "source_id": source_id must be unique; line 2 already has it, got "src-a"');
    expect(result.inputs).toEqual([
      { input: "sources", file: "sources.csv", reader: "sources", rowsIn: 5, rowsPublished: 1, rowsRejected: 4, values: { in: 5, published: 1, rejected: 4, missing: 0 } },
      { input: "figures", file: "figures.csv", reader: "figures", rowsIn: 2, rowsPublished: 1, rowsRejected: 1, values: { in: 2, published: 1, rejected: 1, missing: 0 } },
    ]);
  });
});
