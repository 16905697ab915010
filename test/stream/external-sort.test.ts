import fc from "fast-check";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExternalSorter } from "../../src/stream/external-sort.js";
import { decodeRecord, encodeRecord } from "../../src/stream/record-codec.js";
import { tempDir } from "../helpers/fixtures.js";

describe("record codec", () => {
  it("round-trips any fields, line breaks and separators included", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "\\", "\n", "\r", "\u0001", "é", "1", "n", ",") }), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = encodeRecord(fields);
        expect(line).not.toMatch(/[\n\r]/);
        expect(decodeRecord(line)).toEqual(fields);
      }),
    );
  });

  it("sorting encoded lines sorts by fields left to right", () => {
    const rows = [
      ["ab", "z"],
      ["a", "z"],
      ["abc", "a"],
      ["ab", "a"],
    ];
    expect(rows.map(encodeRecord).sort().map(decodeRecord)).toEqual([
      ["a", "z"],
      ["ab", "a"],
      ["ab", "z"],
      ["abc", "a"],
    ]);
  });
});

describe("ExternalSorter", () => {
  it("sorts in memory when everything fits, without writing a file", async () => {
    const dir = tempDir();
    const s = new ExternalSorter({ dir, name: "t" });
    for (const x of ["c", "a", "b"]) s.add(x);
    const out: string[] = [];
    for await (const batch of s.sorted()) out.push(...batch);
    expect(out).toEqual(["a", "b", "c"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("gives each sorter its own run files, even with one name and one folder", async () => {
    const dir = tempDir();
    const a = new ExternalSorter({ dir, name: "t" });
    const b = new ExternalSorter({ dir, name: "t" });
    a.add("a");
    b.add("b");
    const runs = [...a.flushRuns(), ...b.flushRuns()];
    expect(new Set(runs).size).toBe(2);
    const merged = new ExternalSorter({ dir, name: "m" });
    merged.addRuns(runs);
    const out: string[] = [];
    for await (const batch of merged.sorted()) out.push(...batch);
    expect(out).toEqual(["a", "b"]);
  });

  it("merges more runs than its fan-in in rounds", async () => {
    const dir = tempDir();
    const s = new ExternalSorter({ dir, name: "t", runChars: 1 });
    const lines = Array.from({ length: 200 }, (_, i) => String((i * 7919) % 1000).padStart(4, "0"));
    for (const l of lines) s.add(l);
    const out: string[] = [];
    for await (const batch of s.sorted()) out.push(...batch);
    expect(out).toEqual([...lines].sort());
    expect(readdirSync(dir).length).toBeLessThanOrEqual(4);
    await s.dispose();
  });

  it("spills runs and merges them into one order, removing the run files", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ minLength: 0, maxLength: 8 }).map((s) => encodeRecord([s, "x"])),
          { maxLength: 300 },
        ),
        async (lines) => {
          const dir = tempDir();
          const s = new ExternalSorter({ dir, name: "t", runChars: 64 });
          for (const l of lines) s.add(l);
          for (let pass = 0; pass < 2; pass++) {
            const out: string[] = [];
            for await (const batch of s.sorted()) out.push(...batch);
            expect(out).toEqual([...lines].sort());
          }
          await s.dispose();
          expect(readdirSync(dir)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
