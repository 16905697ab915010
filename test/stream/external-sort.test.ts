import fc from "fast-check";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExternalSorter } from "../../src/stream/external-sort.js";
import { decodeRecord, encodeRecord } from "../../src/stream/record-codec.js";
import { tempDir } from "../helpers/fixtures.js";
import { shuffled } from "../helpers/shuffle.js";

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

/** Every record a sorter gives, in order. */
async function drain(s: ExternalSorter): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of s.sorted()) out.push(...batch);
  return out;
}

describe("ExternalSorter run detection (option.detectRuns)", () => {
  const keys = Array.from({ length: 6000 }, (_, i) => encodeRecord([`C${String(i % 250).padStart(3, "0")}`, `I${String(Math.floor(i / 250)).padStart(2, "0")}`]));
  const inOrder = [...keys].sort();
  // Six sorted stretches, as the bench's file of six source families: each family holds every
  // sixth key, in order.
  const sixRuns = [0, 1, 2, 3, 4, 5].flatMap((f) => inOrder.filter((_, i) => i % 6 === f));
  const opts = { name: "t", runChars: 1 << 14, minRun: 256 };

  async function sortBoth(lines: readonly string[]) {
    const dir = tempDir();
    const detect = new ExternalSorter({ dir, ...opts });
    const full = new ExternalSorter({ dir, ...opts, detectRuns: false });
    for (const l of lines) {
      detect.add(l);
      full.add(l);
    }
    const out = await drain(detect);
    expect(out).toEqual(await drain(full));
    expect(out).toEqual(inOrder);
    await detect.dispose();
    await full.dispose();
    return { detect: detect.stats, full: full.stats };
  }

  it("streams an input in key order into one run, sorting nothing", async () => {
    const { detect, full } = await sortBoth(inOrder);
    expect(detect).toEqual({ streamed: 6000, sorted: 0, runs: 1 });
    expect(full.sorted).toBe(6000);
  });

  it("writes an input of six sorted stretches as six runs, sorting nothing", async () => {
    const { detect } = await sortBoth(sixRuns);
    expect(detect).toEqual({ streamed: 6000, sorted: 0, runs: 6 });
  });

  it("sorts only the rows out of place in an input almost in order", async () => {
    // Ten rows moved far ahead of their place: each goes through the sort buffer, or ends a
    // run early; nearly every row still streams.
    const moved = [...inOrder];
    for (let i = 0; i < 10; i++) moved.splice(5900 - i * 500, 0, moved.splice(100 + i * 500, 1)[0]!);
    const { detect } = await sortBoth(moved);
    expect(detect.sorted).toBeLessThanOrEqual(10 + 256 * 10);
    expect(detect.streamed).toBeGreaterThan(3000);
  });

  it("sorts a shuffled input as a plain external sort does", async () => {
    const { detect, full } = await sortBoth(shuffled(keys, 7));
    expect(detect.sorted).toBeGreaterThan(5400);
    expect(detect.streamed + detect.sorted).toBe(6000);
    expect(full.sorted).toBe(6000);
  });

  it("keeps a small input in order in memory, with no file and no sort", async () => {
    const dir = tempDir();
    const s = new ExternalSorter({ dir, name: "t" });
    for (const x of ["a", "b", "c"]) s.add(x);
    expect(await drain(s)).toEqual(["a", "b", "c"]);
    expect(s.stats).toEqual({ streamed: 3, sorted: 0, runs: 0 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("gives the same order as a full sort for any input (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom("a", "b", "c", "\u0001"), maxLength: 4 }), { maxLength: 400 }), fc.integer({ min: 1, max: 8 }), async (lines, minRun) => {
        const dir = tempDir();
        const s = new ExternalSorter({ dir, name: "t", runChars: 40, minRun });
        for (const l of lines) s.add(l);
        const out = await drain(s);
        expect(out).toEqual([...lines].sort());
        const again = await drain(s);
        expect(again).toEqual(out);
        expect(s.stats.streamed + s.stats.sorted).toBe(lines.length);
        await s.dispose();
        expect(readdirSync(dir)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
