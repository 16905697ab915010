import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomic, writeFileAtomic } from "../../../src/publish/release/sink.js";
import { tempDir } from "../../helpers/fixtures.js";

describe("writeAtomic", () => {
  it("writes, hashes and counts the bytes, leaving no temporary file", async () => {
    const dir = tempDir();
    const target = join(dir, "a.csv");
    const big = "x".repeat(200_000);
    const written = await writeAtomic(target, async (sink) => {
      await sink.write("head\n");
      await sink.write(big);
    });
    const bytes = readFileSync(target);
    expect(bytes.toString()).toBe(`head\n${big}`);
    expect(written).toEqual({ bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(readdirSync(dir)).toEqual(["a.csv"]);
  });

  it("leaves the previous file untouched and cleans up when the writer fails", async () => {
    const dir = tempDir();
    const target = join(dir, "a.csv");
    writeFileSync(target, "old release\n");
    await expect(
      writeAtomic(target, async (sink) => {
        await sink.write("x".repeat(100_000));
        throw new Error("disk on fire");
      }),
    ).rejects.toThrow("disk on fire");
    expect(readFileSync(target, "utf8")).toBe("old release\n");
    expect(readdirSync(dir)).toEqual(["a.csv"]);
  });

  it("replaces a file whole", async () => {
    const dir = tempDir();
    const target = join(dir, "a.json");
    await writeFileAtomic(target, "1");
    await writeFileAtomic(target, "2");
    expect(readFileSync(target, "utf8")).toBe("2");
  });
});
