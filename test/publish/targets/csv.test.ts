import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csv } from "../../../src/publish/targets/csv.js";
import { csvCellsOf, csvLine } from "../../../src/format/csv.js";
import { OBSERVATION_FIELDS } from "../../../src/format/fields.js";
import { context, observation, render } from "../../helpers/publish.js";
import { publishTargetContract } from "./contract.js";

publishTargetContract(() => csv());

describe("target csv", () => {
  it("writes the header, LF line ends, no BOM, and quotes only fields that need it", async () => {
    const { bytes } = await render(csv());
    const text = bytes.toString("utf8");
    expect(bytes[0]).not.toBe(0xef);
    expect(text).not.toContain("\r");
    expect(text.split("\n")[0]).toBe(OBSERVATION_FIELDS.map((f) => f.name).join(","));
    expect(text.split("\n")[1]).toBe(
      'KEN,Kenya,data_subscriptions,Data subscriptions,2018-12,45700000,subscriptions,reported,45.7 million,src-a,,,"“45.7 million” — as printed, with a comma, a ""quote"" and Côte d\'Ivoire",figures.csv,2,',
    );
    expect(text.endsWith("\n")).toBe(true);
  });

  it("round-trips through an RFC 4180 parser, line breaks in quotes included", async () => {
    const tricky = observation({ quote: 'line one\nline two, "quoted"\r\nend' });
    const { bytes } = await render(csv(), context({ observations: [tricky] }));
    const rows = parse(bytes, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.quote).toBe(tricky.quote);
  });

  it("writes numbers as plain decimals: no exponent, no separators", async () => {
    const obs = [observation({ value: 4.4e12 }), observation({ period: "2019", value: 1.5e-7 }), observation({ period: "2020", value: 5307.6 })];
    const { bytes } = await render(csv(), context({ observations: obs }));
    const values = (parse(bytes, { columns: true }) as Record<string, string>[]).map((r) => r.value);
    expect(values).toEqual(["4400000000000", "0.00000015", "5307.6"]);
  });

  it("writes a reported value's exact decimal digits, not the nearest double's", async () => {
    const obs = [observation({ value: 9007199254740992, decimal: "9007199254740993" }), observation({ period: "2019", value: 1234567890123.4568, decimal: "1234567890123.45678901" })];
    const { bytes } = await render(csv(), context({ observations: obs }));
    expect((parse(bytes, { columns: true }) as Record<string, string>[]).map((r) => r.value)).toEqual(["9007199254740993", "1234567890123.45678901"]);
  });

  it("joins several source ids with ';'", async () => {
    const { bytes } = await render(csv(), context({ observations: [observation({ method: "derived", sourceIds: ["src-a", "src-b"] })] }));
    expect((parse(bytes, { columns: true }) as Record<string, string>[])[0]!.source_ids).toBe("src-a;src-b");
  });
});

describe("csvCellsOf", () => {
  const cell = fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", '"', "\n", "\r", "é", "—", "=", "-", "1") });
  const cells = fc.array(cell, { minLength: 1, maxLength: 6 });

  it("csvCellsOf gives back the cells csvLine wrote, as an RFC 4180 parser reads them", () => {
    fc.assert(
      fc.property(cells, (c) => {
        const line = csvLine(c);
        expect(csvCellsOf(line)).toEqual(c);
        expect(csvCellsOf(line)).toEqual((parse(line, { relax_column_count: true }) as string[][])[0] ?? [""]);
      }),
    );
  });
});

describe("csvLine", () => {
  // csv.ts formats rows itself for speed; it must stay byte for byte what csv-stringify writes.
  it("writes the same bytes as csv-stringify for any cells (property)", () => {
    const char = fc.oneof(fc.constantFrom(",", '"', "\n", "\r", " ", "=", "a"), fc.string({ unit: "grapheme", maxLength: 1 }));
    const cell = fc.oneof(fc.string({ unit: char, maxLength: 12 }), fc.string({ unit: "binary", maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        expect(`${csvLine(cells)}\n`).toBe(stringify([cells]));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
    );
  });
});
