import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csv } from "../../src/publish/targets/csv.js";
import { rejects } from "../../src/publish/targets/rejects.js";
import { neutralise } from "../../src/format/spreadsheet.js";
import { context, observation, render } from "../helpers/publish.js";

describe("spreadsheet safety", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tindented", "'\tindented"],
    ["\rreturn", "'\rreturn"],
    ["-5 million", "'-5 million"],
    ["-2.1", "-2.1"],
    ["-2.1%", "-2.1%"],
    ["+3", "+3"],
    ["Kenya", "Kenya"],
    ["", ""],
    ["a=b", "a=b"],
  ])("%j → %j", (text, expected) => {
    expect(neutralise(text)).toBe(expected);
  });

  it("indicators.csv neutralises text cells and leaves numbers, negatives included, untouched", async () => {
    const obs = [observation({ quote: "=1+1", valueAsPrinted: "-2.1%", value: -2.1, indicator: "ict_sector_growth", indicatorName: "@growth" })];
    const { bytes } = await render(csv(), context({ observations: obs }));
    const row = (parse(bytes, { columns: true }) as Record<string, string>[])[0]!;
    expect(row).toMatchObject({ value: "-2.1", value_as_printed: "-2.1%", quote: "'=1+1", indicator_name: "'@growth" });
  });

  it("rejects.csv neutralises the cells it copies from the input", async () => {
    const ctx = context({
      rejected: [{ input: "figures", file: "figures.csv", line: 2, column: null, values: 1, cells: { country: "=cmd()", value: "-1" }, raw: "=cmd(),-1" }],
      issues: [],
    });
    const { bytes } = await render(rejects(), ctx);
    const row = (parse(bytes, { columns: true }) as Record<string, string>[])[0]!;
    expect(row).toMatchObject({ country: "'=cmd()", value: "-1", raw: "'=cmd(),-1", line: "2" });
  });
});
