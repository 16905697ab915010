/**
 * The contract every target a pipeline can choose (src/publish/targets.ts) meets. Each such
 * target's own test file calls `publishTargetContract(make)` and then adds its own cases; the
 * files the runner adds itself (changes, rejects, validation report) are tested through runs.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Observation } from "../../src/pipeline/types.js";
import type { PublishTarget } from "../../src/publish/target.js";
import { testPipeline } from "../helpers/pipeline.js";
import { render as play, type Fixture } from "../helpers/publish.js";

export { MemorySink } from "../helpers/publish.js";

export function observation(over: Partial<Observation> = {}): Observation {
  return {
    country: "KEN",
    countryName: "Kenya",
    indicator: "data_subscriptions",
    indicatorName: "Data subscriptions",
    period: "2018-12",
    value: 45700000,
    unit: "subscriptions",
    method: "reported",
    valueAsPrinted: "45.7 million",
    sourceIds: ["src-a"],
    formula: "",
    derivedFrom: [],
    quote: "“45.7 million” — as printed, with a comma, a \"quote\" and Côte d'Ivoire",
    file: "figures.csv",
    line: 2,
    ...over,
  };
}

export function context(over: Partial<Fixture> = {}): Fixture {
  return {
    pipeline: testPipeline(),
    observations: [observation(), observation({ country: "CIV", countryName: "Côte d'Ivoire", indicator: "population", indicatorName: "Population", period: "2018", value: 25069229, unit: "persons", valueAsPrinted: "25069229", sourceIds: ["src-b"], line: 3 })],
    sources: [
      { sourceId: "src-a", publisher: "Publisher A", title: "Report A", url: "https://example.org/a", published: "2019-10-25", accessed: "2026-11-29", license: "CC-BY-4.0" },
      { sourceId: "src-b", publisher: "Publisher B", title: "Table B", url: "https://example.org/b", published: "2022-05-25", accessed: "2026-11-29", license: "CC-BY-4.0" },
    ],
    release: { id: "20191025T104000Z-0123abcd", generatedAt: "2019-10-25T10:40:00Z" },
    inputs: [{ input: "figures", file: "figures.csv", rowsIn: 2, rowsPublished: 2, rowsRejected: 0 }],
    issues: [],
    rejected: [],
    changes: null,
    files: [],
    ...over,
  };
}

export async function render(target: PublishTarget, f: Fixture = context()): Promise<{ bytes: Buffer; rows: number | null }> {
  return play(target, f);
}

export function publishTargetContract(make: () => PublishTarget): void {
  describe("publish target contract", () => {
    it("is named after its file in src/publish/ and writes a plain file name", () => {
      const t = make();
      expect(t.type).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(existsSync(new URL(`../../src/publish/${t.type}.ts`, import.meta.url))).toBe(true);
      expect(t.file).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/);
      expect(["data", "meta"]).toContain(t.phase);
    });

    it("writes the same bytes for the same context", async () => {
      const a = await render(make());
      const b = await render(make());
      expect(a.bytes.length).toBeGreaterThan(0);
      expect(a.bytes.equals(b.bytes)).toBe(true);
    });

    it("reports rows for data targets and null for meta targets", async () => {
      const t = make();
      const { rows } = await render(t);
      expect(rows).toBe(t.phase === "data" ? 2 : null);
    });

    it("writes the same bytes whatever the batch size", async () => {
      const obs = Array.from({ length: 7 }, (_, i) => observation({ period: String(2010 + i), value: i + 0.5 }));
      const one = await play(make(), context({ observations: obs }), 1);
      const many = await play(make(), context({ observations: obs }), 100);
      expect(one.bytes.equals(many.bytes)).toBe(true);
    });

    it("writes an empty release without failing", async () => {
      const { bytes } = await render(make(), context({ observations: [] }));
      expect(bytes.length).toBeGreaterThan(0);
    });
  });
}
