import { describe, expect, it } from "vitest";
import { datapackage } from "../../../src/publish/targets/datapackage.js";
import { OBSERVATION_FIELDS } from "../../../src/format/fields.js";
import { PRIMARY_KEY } from "../../../src/contracts/rows.js";
import { context, render } from "../../helpers/publish.js";
import { testPipeline } from "../../helpers/pipeline.js";
import { publishTargetContract } from "./contract.js";

publishTargetContract(() => datapackage());

const FILES = [
  { file: "indicators.csv", type: "csv", mediaType: "text/csv", bytes: 1234, sha256: "a".repeat(64), rows: 2 },
  { file: "indicators.json", type: "json", mediaType: "application/json", bytes: 2345, sha256: "b".repeat(64), rows: 2 },
];

describe("target datapackage", () => {
  it("describes each data file with schema, primary key, bytes, sha256 and rows", async () => {
    const pkg = JSON.parse((await render(datapackage(), context({ files: FILES }))).bytes.toString("utf8"));
    expect(pkg.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
    expect(pkg.name).toBe("test-figures");
    expect(pkg.version).toBe("20191025T104000Z-0123abcd");
    expect(pkg.created).toBe("2019-10-25T10:40:00Z");
    expect(pkg.licenses).toEqual([{ name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/", title: "Creative Commons Attribution 4.0" }]);
    expect(pkg.resources.map((r: { name: string; path: string; bytes: number; hash: string; rows: number }) => [r.name, r.path, r.bytes, r.hash, r.rows])).toEqual([
      ["indicators", "indicators.csv", 1234, `sha256:${"a".repeat(64)}`, 2],
      ["indicators-json", "indicators.json", 2345, `sha256:${"b".repeat(64)}`, 2],
    ]);
    const csvRes = pkg.resources[0];
    expect(csvRes.schema.primaryKey).toEqual([...PRIMARY_KEY]);
    expect(csvRes.schema.fields.map((f: { name: string }) => f.name)).toEqual(OBSERVATION_FIELDS.map((f) => f.name));
    expect(csvRes.schema.fields.find((f: { name: string }) => f.name === "value")).toMatchObject({ type: "number", constraints: { required: true } });
    expect(csvRes.dialect).toMatchObject({ delimiter: ",", lineTerminator: "\n", header: true });
    expect(pkg.resources[1].schema.fields.find((f: { name: string }) => f.name === "source_ids").type).toBe("array");
  });

  it("lists every source with its publisher, dates and licence, and the indicator definitions", async () => {
    const pkg = JSON.parse((await render(datapackage())).bytes.toString("utf8"));
    expect(pkg.sources[0]).toEqual({ id: "src-a", title: "Report A", path: "https://example.org/a", publisher: "Publisher A", published: "2019-10-25", accessed: "2026-11-29", license: "CC-BY-4.0" });
    expect(pkg.indicators.find((i: { code: string }) => i.code === "internet_users_share")).toEqual({
      code: "internet_users_share",
      name: "Internet users (% of population)",
      unit: "percent",
      description: "Individuals.",
      concept: "internet-use-share",
    });
  });
});

describe("target datapackage: a pipeline's own units and sources declared in readers", () => {
  it("describes the units values are published in, lists the pipeline's own units, and leaves out dates a source does not give", async () => {
    const units = { tonnes: { label: "tonnes", kind: "count" as const, description: "Metric tonnes." }, "thousand tonnes": { base: "tonnes", power: 3 } };
    const pipeline = testPipeline({ units, indicators: { fish_catch: { name: "Fish catch", unit: "tonnes", description: "Landings." } }, checks: [], derivations: [] });
    const sources = [{ sourceId: "wb-wdi", publisher: "World Bank", title: "WDI", url: "https://data.worldbank.org", published: "2022-05-25", accessed: "", license: "CC-BY-4.0" }];
    const pkg = JSON.parse((await render(datapackage(), context({ pipeline, sources, files: FILES }))).bytes.toString("utf8"));
    expect(pkg.resources[0].schema.fields.find((f: { name: string }) => f.name === "unit").description).toBe("What the value counts: persons, subscriptions, USD, percent, USD per person, tonnes.");
    expect(pkg.units).toEqual([
      { code: "tonnes", label: "tonnes", kind: "count", description: "Metric tonnes.", scales: { thousand: 3, million: 6, billion: 9, trillion: 12 } },
      { code: "thousand tonnes", label: "thousand tonnes", base: "tonnes", power: 3 },
    ]);
    expect(pkg.sources).toEqual([{ id: "wb-wdi", title: "WDI", path: "https://data.worldbank.org", publisher: "World Bank", published: "2022-05-25", license: "CC-BY-4.0" }]);
  });
});
