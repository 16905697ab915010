import { describe, expect, it } from "vitest";
import { parsePrintedValue } from "../../src/figures/value.js";

describe("parsePrintedValue", () => {
  it.each([
    ["829 million", 829000000, "number"],
    ["4.4 trillion", 4400000000000, "number"],
    ["45.7 million", 45700000, "number"],
    ["12.9%", 12.9, "percent"],
    ["47.9 percent", 47.9, "percent"],
    ["83.0%", 83, "percent"],
    ["51,392,570", 51392570, "number"],
    ["1402760000", 1402760000, "number"],
    ["-2.1%", -2.1, "percent"],
    ["0.5 thousand", 500, "number"],
  ])("reads %j as %d (%s), exactly", (text, value, kind) => {
    expect(parsePrintedValue(text)).toMatchObject({ ok: true, value, kind });
  });

  it("knows the precision printed", () => {
    const res = (t: string) => {
      const p = parsePrintedValue(t);
      return p.ok ? p.resolution : null;
    };
    expect([res("52.6 million"), res("51392570"), res("12.9%"), res("4.4 trillion"), res("83.0%")]).toEqual([100000, 1, 0.1, 100000000000, 0.1]);
  });

  it.each(["forty", "", "1,23", "12,9%", "4.4 trillions", "1e6", "$4.4 trillion", "--3"])("refuses %j", (text) => {
    expect(parsePrintedValue(text)).toEqual({ ok: false });
  });
});
