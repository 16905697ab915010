/**
 * `fetch` accepts a downloaded file only if the input's reader can read it, as a run would: its
 * dialect, its header where the layout puts it. A World Bank file that was re-saved with
 * semicolons is refused, located, before it replaces the good one.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectInput } from "../../src/pipeline/fetch-inputs.js";
import { tempDir } from "../helpers/fixtures.js";
import { internetReader, populationReader, tablesPipeline } from "../helpers/tables.js";

const FIXTURES = new URL("../fixtures/readers/", import.meta.url).pathname;

describe("inspectInput reads a download with the input's reader and dialect", () => {
  const input = { file: "API_SP.POP.TOTL.csv", reader: populationReader() };
  const pipeline = tablesPipeline({ population: input });

  it("accepts a World Bank file as downloaded (preamble, BOM, trailing comma), counting its records", async () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, "wb-api.csv"), join(dir, ".download"));
    const internet = { file: "API_IT.NET.USER.ZS.csv", reader: internetReader() };
    expect(await inspectInput(tablesPipeline({ internet }), internet, join(dir, ".download"))).toEqual({ ok: true, rows: 8 });
  });

  it("refuses the semicolon re-save, naming the line and the delimiter", async () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, "wb-semicolon.csv"), join(dir, ".download"));
    expect(await inspectInput(pipeline, input, join(dir, ".download"))).toEqual({
      ok: false,
      reason:
        'API_SP.POP.TOTL.csv:5: the header starts "Country Name" but is not split by the dialect\'s delimiter ",": its cells are joined by ";"; is the delimiter ";"?, got "Country Name;Country Code;Indicator Name;Indicator Code;2018;2019;2020;2021;"',
    });
  });
});
