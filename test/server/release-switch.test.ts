/**
 * `serve` while releases are switched: every read of a stable path is one complete release's
 * file, with that file's ETag, never a mix of two releases or one's size with another's bytes.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PIPELINE, published, serve, type Reply } from "../helpers/serve.js";

const COUNTRIES = ["KEN", "CIV", "NGA", "GHA", "ETH", "TZA", "UGA", "RWA", "ZAF", "EGY", "MAR", "SEN", "CMR", "AGO", "ZMB", "ZWE", "MOZ", "MDG", "MLI", "NER"];
const QUOTE = "The population figure as given in the statistical annex, table 1, with the usual caveats about census years";

/** Release `n`'s figures: 20 countries × 35 years, values and the row count changing with n. */
function rowsFor(n: number): string[] {
  const rows = COUNTRIES.flatMap((country, c) =>
    Array.from({ length: 35 }, (_, y) => `${country},population,${1984 + y},${(10 + c + y / 10 + n / 1000).toFixed(3)} million,persons,src-b,"${QUOTE} (release ${n})"`),
  );
  return rows.slice(0, rows.length - n);
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("serve: reads racing a release switch", () => {
  it("each body of indicators.csv is exactly one release's file, with its ETag", async () => {
    // keepReleases 1: the previous release is removed right after each switch, while reads of
    // it may still be open (they go on from their open file) or about to open it (they look the
    // stable path up again).
    const p = await published({ rows: rowsFor(0), keepReleases: 1 });
    const s = await serve(p.out);
    const path = `/${PIPELINE}/indicators.csv`;
    // Hashes as each release's release.json gives them, taken before the release is dropped.
    const known = new Map<string, string>([[p.hashOf(p.releaseId, "indicators.csv").sha256, p.releaseId]]);
    // Several of the read stream's 64 KiB chunks: a mix of two files would show.
    expect(p.hashOf(p.releaseId, "indicators.csv").bytes).toBeGreaterThan(2 * 65_536);

    const replies: Reply[] = [];
    // A read cut short (a response whose Content-Length promised more than the file it read
    // had) is a failure too: recorded, not thrown, so every reader runs to the end.
    const failures: string[] = [];
    let publishing = true;
    const reader = async () => {
      while (publishing) {
        await s.get(path).then(
          (r) => replies.push(r),
          (err: Error) => failures.push(err.message),
        );
      }
    };
    const readers = [reader(), reader()];
    const seen = new Set<string>();
    const RELEASES = 8;
    for (let n = 1; n <= RELEASES; n++) {
      const id = await p.publish(rowsFor(n));
      const { sha256: sha } = p.hashOf(id, "indicators.csv");
      known.set(sha, id);
      // Once switched, the stable path is the new release.
      const after = await s.get(path);
      expect(sha256(after.body)).toBe(sha);
      seen.add(sha);
      replies.push(after);
    }
    publishing = false;
    await Promise.all(readers);

    expect(failures).toEqual([]);
    expect(known.size).toBe(RELEASES + 1);
    expect(seen.size).toBe(RELEASES);
    expect(replies.length).toBeGreaterThan(RELEASES);
    for (const r of replies) {
      expect(r.status).toBe(200);
      const sha = sha256(r.body);
      expect(known.has(sha), `a body of ${r.body.length} bytes that is no release's indicators.csv`).toBe(true);
      expect(r.headers.etag).toBe(`"${sha}"`);
      expect(Number(r.headers["content-length"])).toBe(r.body.length);
    }
  });
});
