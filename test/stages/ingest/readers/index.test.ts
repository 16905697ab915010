import { describe, expect, it } from "vitest";
import { mergeDialect } from "../../../../src/stages/ingest/dialect.js";
import { readerFromSpec } from "../../../../src/stages/ingest/readers/from-spec.js";
import * as readers from "../../../../src/stages/ingest/readers/index.js";
import type { TableReader } from "../../../../src/contracts/reader.js";
import { fixture, records } from "../../../helpers/read-table.js";

const all = [
  readers.long({ entity: { code: "Country Code", name: "Country Name" }, period: "Year", value: "Value", indicator: "population", source: "wb-wdi" }),
  readers.wide({ entity: { name: "country" }, periods: "years", indicator: "mobile_subscriptions", source: "gapminder-ict", numbers: { si: true } }),
  readers.worldBank({
    indicators: { "IT.NET.USER.ZS": "internet_users_share" },
    source: { id: "wb-wdi", publisher: "World Bank", title: "World Development Indicators", url: "https://data.worldbank.org", license: "CC-BY-4.0" },
  }),
  readers.worldBankCountries(),
];

describe("readers: specs and plans are plain data (worker threads, fingerprint)", () => {
  it("readerFromSpec builds each reader again from a cloned spec", () => {
    for (const r of all) {
      const again = readerFromSpec(structuredClone(r.spec));
      expect([again.type, again.role, again.dialect, again.spec]).toEqual([r.type, r.role, r.dialect, r.spec]);
    }
    expect(all.map((r) => r.type)).toEqual(["long", "wide", "world-bank", "world-bank-countries"]);
    expect(() => readerFromSpec({ factory: "excel", options: {} })).toThrow('no reader factory "excel"');
  });

  it("a cloned plan reads a record the same as the original", () => {
    const wb = all[2] as TableReader;
    const dialect = mergeDialect(wb.dialect);
    const { records: recs } = records(fixture("wb-api.csv"), dialect);
    const header = recs[4]!;
    const h = wb.header(header, recs.slice(0, 4), dialect);
    if (!h.ok) throw new Error("header");
    expect(h.source).toEqual({ sourceId: "wb-wdi", publisher: "World Bank", title: "World Development Indicators", url: "https://data.worldbank.org", license: "CC-BY-4.0", published: "2022-05-25" });
    const kenya = recs.find((r) => r.cells[1] === "KEN")!;
    const again = readerFromSpec(structuredClone(wb.spec)) as TableReader;
    expect(again.read(kenya.cells, { line: kenya.line }, structuredClone(h.plan))).toEqual(wb.read(kenya.cells, { line: kenya.line }, h.plan));
  });
});
