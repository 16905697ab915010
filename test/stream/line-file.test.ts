import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readLineBatches } from "../../src/stream/line-file.js";
import { tempDir } from "../helpers/fixtures.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Reads a line file, counting the characters handed to String.prototype.split while it does. */
async function readCounting(path: string): Promise<{ lines: string[]; splitChars: number }> {
  const split = String.prototype.split;
  let splitChars = 0;
  vi.spyOn(String.prototype, "split").mockImplementation(function (this: string, ...args: Parameters<typeof split>) {
    // Only the file's own text (lines of "x" and "y"): not whatever else splits meanwhile.
    if (/^[xy]/.test(this)) splitChars += this.length;
    return split.apply(this, args) as never;
  } as typeof split);
  const lines: string[] = [];
  for await (const batch of readLineBatches(path)) lines.push(...batch);
  vi.restoreAllMocks();
  return { lines, splitChars };
}

describe("readLineBatches", () => {
  it("reads every line, including lines longer than a read and a last line without its newline", async () => {
    const dir = tempDir();
    const long = "x".repeat(200_000);
    writeFileSync(join(dir, "f"), `a\n${long}\n\nb\n${long}y`);
    const lines: string[] = [];
    for await (const batch of readLineBatches(join(dir, "f"))) lines.push(...batch);
    expect(lines).toEqual(["a", long, "", "b", `${long}y`]);
  });

  // A line of a 16 MiB field comes in over many reads. Splitting `rest + chunk` at every read
  // scanned the line again each time: 4 MB took 11 s and 9 MB 43 s in a run. Each character
  // must be scanned a bounded number of times, however long its line.
  it("scans a long line once, not once per read: work grows linearly with the line", async () => {
    const dir = tempDir();
    const scanned: number[] = [];
    for (const mib of [1, 8]) {
      const path = join(dir, `f${mib}`);
      const line = "x".repeat(mib << 20);
      writeFileSync(path, `${line}\ny\n`);
      const { lines, splitChars } = await readCounting(path);
      expect(lines.map((l) => l.length)).toEqual([mib << 20, 1]);
      expect(splitChars).toBeLessThanOrEqual(2 * ((mib << 20) + 3));
      scanned.push(splitChars);
    }
    expect(scanned[1]! / scanned[0]!).toBeLessThan(9);
  });
});
