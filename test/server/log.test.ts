/** `serve`'s access log: one entry per request, with what was sent. (A response cut off is
 *  logged as aborted: shutdown.test.ts.) */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/cli-process.js";
import { PIPELINE, published, serve, type Published } from "../helpers/serve.js";

let p: Published;
beforeAll(async () => {
  p = await published();
});

describe("serve: access log", () => {
  it("has one entry per request: method, target as sent, status, body bytes sent, time, user agent", async () => {
    const s = await serve(p.out);
    const csv = readFileSync(join(p.dir, "indicators.csv"));
    const path = `/${PIPELINE}/indicators.csv`;
    await s.get(`${path}?v=1`, { headers: { "user-agent": "test-agent/1.0" } });
    await s.get(path, { method: "HEAD" });
    const gzipped = await s.get(path, { headers: { "accept-encoding": "gzip" } });
    await s.get(path, { headers: { range: "bytes=0-9" } });
    await s.get("/%2e%2e/secret");
    await s.get(path, { method: "POST" });
    await waitFor("six log entries", () => s.log.length === 6);
    expect(s.log).toMatchObject([
      { event: "request", method: "GET", path: `${path}?v=1`, status: 200, bytes: csv.length, ua: "test-agent/1.0", aborted: false },
      { method: "HEAD", path, status: 200, bytes: 0, ua: null },
      { method: "GET", status: 200, bytes: gzipped.body.length },
      { method: "GET", status: 206, bytes: 10 },
      { method: "GET", path: "/%2e%2e/secret", status: 404, bytes: "404 Not Found\n".length },
      { method: "POST", status: 405 },
    ]);
    expect(gzipped.body.length).toBeLessThan(csv.length);
    for (const e of s.log) {
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(e.ms).toBeGreaterThanOrEqual(0);
    }
  });
});
