/** snapshots.json: the contract shape, read strictly with located errors, written in a fixed order. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST_NEXT, parseManifest, readManifest, serializeManifest, writeManifest, type Manifest } from "../../src/fetch/manifest.js";
import { tempDir } from "../helpers/fixtures.js";

const A = "a".repeat(64);
const B = "b".repeat(64);

const fetched = { url: "https://api.worldbank.org/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv", sha256: A, bytes: 120, retrieved: "2026-12-05T10:00:00Z" };

describe("snapshots.json", () => {
  it("is written with keys in the contract's order, files sorted by name, 2-space JSON and a newline", () => {
    const m: Manifest = {
      files: {
        "z.csv": { note: "imported as received", retrieved: null, bytes: 3, sha256: B, url: "http://example.org/z.csv" },
        "a.csv": { archiveSha256: B, member: "API_X_DS2_1.csv", lastModified: "Wed, 01 Oct 2025 10:00:00 GMT", etag: '"v1"', ...fetched },
      },
    };
    expect(serializeManifest(m)).toBe(`{
  "files": {
    "a.csv": {
      "url": "https://api.worldbank.org/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv",
      "sha256": "${A}",
      "bytes": 120,
      "retrieved": "2026-12-05T10:00:00Z",
      "etag": "\\"v1\\"",
      "lastModified": "Wed, 01 Oct 2025 10:00:00 GMT",
      "member": "API_X_DS2_1.csv",
      "archiveSha256": "${B}"
    },
    "z.csv": {
      "url": "http://example.org/z.csv",
      "sha256": "${B}",
      "bytes": 3,
      "retrieved": null,
      "note": "imported as received"
    }
  }
}
`);
    expect(parseManifest(serializeManifest(m), "s.json")).toEqual({ ok: true, manifest: m, exists: true });
  });

  it("every problem is named with the file, the field and the value", () => {
    const text = JSON.stringify({ files: { "a.csv": { URL: "x", sha256: "abc", bytes: -1, retrieved: "2026-12-05T10:00:00+02:00" } } });
    expect(parseManifest(text, "data/raw/p/snapshots.json")).toEqual({
      ok: false,
      reason:
        'data/raw/p/snapshots.json: files["a.csv"].url: required; files["a.csv"].sha256: expected 64 lowercase hex digits, got "abc"; ' +
        'files["a.csv"].bytes: expected a whole number of bytes, got -1; ' +
        'files["a.csv"].retrieved: expected an ISO 8601 UTC time such as "2026-12-05T10:00:00Z", or null, got "2026-12-05T10:00:00+02:00"; ' +
        'files["a.csv"]: unknown field "URL"',
    });
  });

  it("retrieved null needs a note; a url must be http(s); archiveSha256 goes with member", () => {
    const text = JSON.stringify({ files: { "a.csv": { ...fetched, url: "ftp://example.org/a.csv", retrieved: null, archiveSha256: B } } });
    expect(parseManifest(text, "s.json")).toEqual({
      ok: false,
      reason:
        's.json: files["a.csv"].url: expected an http(s) URL, got "ftp://example.org/a.csv"; files["a.csv"].note: a file with retrieved null was imported by hand: say so in a note; ' +
        `files["a.csv"].archiveSha256: archiveSha256 goes with member, got "${B}"`,
    });
  });

  it("not JSON: the line and column of the problem", () => {
    expect(parseManifest('{\n  "files": {,}\n}', "s.json")).toEqual({ ok: false, reason: "s.json: not valid JSON: Expected property name or '}' at line 2, column 13" });
  });

  it("a folder without snapshots.json has an empty manifest", async () => {
    expect(await readManifest(tempDir())).toEqual({ ok: true, manifest: { files: {} }, exists: false });
  });

  it("is written atomically: through a prepared file renamed into place, none left behind", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "snapshots.json"), "old");
    await writeManifest(dir, { files: { "a.csv": fetched } });
    expect(readdirSync(dir)).toEqual(["snapshots.json"]);
    expect(existsSync(join(dir, MANIFEST_NEXT))).toBe(false);
    expect(await readManifest(dir)).toEqual({ ok: true, manifest: { files: { "a.csv": fetched } }, exists: true });
    expect(readFileSync(join(dir, "snapshots.json"), "utf8").endsWith("}\n")).toBe(true);
  });
});
