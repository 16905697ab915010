/** zip: one member out of an archive, by a glob or a regular expression. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memberPattern, memberPatternProblem } from "../../src/fetch/member.js";
import { extractMember } from "../../src/fetch/zip.js";
import { tempDir } from "../helpers/fixtures.js";
import { makeZip, worldBankMembers } from "../helpers/zip.js";

const CSV = '"Country Name","Country Code"\n"Kenya","KEN"\n';
const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

async function archive(members: Record<string, string>) {
  const dir = tempDir("openfigures-zip-");
  const path = join(dir, "archive.zip");
  writeFileSync(path, await makeZip(members));
  return { dir, path, target: join(dir, "out.csv") };
}

describe("memberPattern", () => {
  it("a glob matches the full member name; the World Bank's metadata files do not match the data file's glob", () => {
    const p = memberPattern("API_IT.NET.USER.ZS_DS2_*.csv");
    expect(p.test("API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")).toBe(true);
    expect(p.test("API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv")).toBe(true);
    expect(p.test("Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")).toBe(false);
    expect(p.test("API_ITXNET.USER.ZS_DS2_x.csv")).toBe(false);
    expect(p.test("data/API_IT.NET.USER.ZS_DS2_x.csv")).toBe(false);
  });

  it("/…/ is a regular expression with its flags", () => {
    const p = memberPattern("/^api_it\\.net\\.user\\.zs_ds2_.*\\.csv$/i");
    expect(p.test("API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")).toBe(true);
    expect(p.test("Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")).toBe(false);
  });

  it("problems: empty, not a string, a broken regular expression", () => {
    expect(memberPatternProblem("")).toMatch(/^expected a glob such as "API_\*\.csv"/);
    expect(memberPatternProblem(42)).toMatch(/got 42$/);
    expect(memberPatternProblem("/(unclosed/")).toMatch(/^"\/\(unclosed\/" is not a valid pattern: Invalid regular expression/);
    expect(memberPatternProblem("API_*.csv")).toBeNull();
  });
});

describe("extractMember", () => {
  it("writes the one matching member, with its name, size and sha256", async () => {
    const a = await archive(worldBankMembers("IT.NET.USER.ZS", "2160", CSV));
    expect(await extractMember(a.path, "API_IT.NET.USER.ZS_DS2_*.csv", a.target, 1 << 20)).toEqual({
      ok: true,
      member: "API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv",
      bytes: Buffer.byteLength(CSV),
      sha256: sha(CSV),
    });
    expect(readFileSync(a.target, "utf8")).toBe(CSV);
  });

  it("no member matching: an error naming the pattern and every member", async () => {
    const a = await archive({ "a.csv": "x", "b.csv": "y" });
    expect(await extractMember(a.path, "API_*.csv", a.target, 1 << 20)).toEqual({ ok: false, reason: 'no member matches "API_*.csv"; the archive holds "a.csv", "b.csv"' });
    expect(existsSync(a.target)).toBe(false);
  });

  it("two members matching: an error naming both", async () => {
    const a = await archive({ "API_X_DS2_1.csv": "x", "API_X_DS2_2.csv": "y", "Metadata.csv": "z" });
    expect(await extractMember(a.path, "API_X_DS2_*.csv", a.target, 1 << 20)).toEqual({
      ok: false,
      reason: '2 members match "API_X_DS2_*.csv": "API_X_DS2_1.csv", "API_X_DS2_2.csv"; the archive holds "API_X_DS2_1.csv", "API_X_DS2_2.csv", "Metadata.csv"',
    });
  });

  it("a member over the size limit is refused before it is written", async () => {
    const a = await archive({ "big.csv": "x".repeat(5000) });
    expect(await extractMember(a.path, "big.csv", a.target, 1000)).toEqual({ ok: false, reason: 'member "big.csv" is 5000 bytes, over the size limit of 1000 bytes' });
    expect(existsSync(a.target)).toBe(false);
  });

  it("a file that is not a zip archive", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.zip"), CSV);
    const r = await extractMember(join(dir, "a.zip"), "*.csv", join(dir, "out"), 1 << 20);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.reason).toMatch(/^not a readable zip archive: End of central directory record signature not found/);
  });

  it("a damaged member (one byte changed, sizes intact): refused by the CRC-32 check", async () => {
    const text = "country,value\nKEN,1\n";
    // Stored, not deflated: no decompressor would notice; only the CRC can.
    const zip = await makeZip({ "data.csv": text }, { compress: false });
    const at = zip.indexOf(Buffer.from("KEN,1"));
    zip[at] = "X".charCodeAt(0);
    const dir = tempDir();
    writeFileSync(join(dir, "a.zip"), zip);
    expect(await extractMember(join(dir, "a.zip"), "data.csv", join(dir, "out"), 1 << 20)).toEqual({
      ok: false,
      reason: 'member "data.csv" is damaged: its CRC-32 does not match the archive\'s record',
    });
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
