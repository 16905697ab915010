/** `openfigures fetch`: what it prints per file, its JSON, its options and its exit codes. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/help.js";
import { cli } from "../helpers/cli.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, withoutProxyEnv } from "../helpers/http.js";
import { SOURCES_CSV, testPipeline } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, remotePipeline } from "../helpers/remote.js";
import { makeZip, worldBankMembers } from "../helpers/zip.js";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex").slice(0, 12);
const V1 = figures(4, "v1");
const V2 = figures(5, "v2");

// The command reads proxies from the process's environment: none here, whatever the machine has.
withoutProxyEnv();

async function setup(routes: Parameters<typeof startServer>[0], member?: string) {
  const s = await startServer(routes);
  const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
  const path = member ? "/indicator" : "/figures.csv";
  // --out: fetch takes the pipeline's lock there.
  return { s, raw, dirs: ["--raw", raw, "--out", out], registry: [remotePipeline(s.url(path), member)] };
}

describe("openfigures fetch", () => {
  it("prints each file: updated (sha256 from → to, bytes, rows), then unchanged; exit 0", async () => {
    let body = V1;
    const { dirs, registry } = await setup({ "/figures.csv": (req, res, hit) => answer.body(body)(req, res, hit) });
    expect(await cli(["fetch", REMOTE_ID, ...dirs], registry)).toEqual({
      code: 0,
      out: `${REMOTE_ID}\n  ✔ figures.csv updated: sha256 new file, ${sha(V1)}…, ${V1.length} bytes, 4 rows`,
      err: "",
    });
    expect(await cli(["fetch", REMOTE_ID, ...dirs], registry)).toEqual({ code: 0, out: `${REMOTE_ID}\n  ✔ figures.csv unchanged: same bytes (200), sha256 ${sha(V1)}…`, err: "" });
    body = V2;
    expect((await cli(["fetch", REMOTE_ID, ...dirs], registry)).out).toBe(`${REMOTE_ID}\n  ✔ figures.csv updated: sha256 ${sha(V1)}… → ${sha(V2)}…, ${V2.length} bytes, 4 → 5 rows`);
  });

  it("304 Not Modified", async () => {
    const { dirs, registry } = await setup({ "/figures.csv": (req, res) => (req.headers["if-none-match"] === '"x"' ? res.writeHead(304).end() : answer.body(V1, { etag: '"x"' })(req, res, 1)) });
    await cli(["fetch", REMOTE_ID, ...dirs], registry);
    expect((await cli(["fetch", REMOTE_ID, ...dirs], registry)).out).toBe(`${REMOTE_ID}\n  ✔ figures.csv unchanged: 304 Not Modified, sha256 ${sha(V1)}…`);
  });

  it("a zip member: the member is named", async () => {
    const zip = await makeZip(worldBankMembers("SP.POP.TOTL", "2160", V1));
    const { dirs, registry } = await setup({ "/indicator": answer.body(zip) }, "API_SP.POP.TOTL_DS2_*.csv");
    expect((await cli(["fetch", REMOTE_ID, ...dirs], registry)).out).toBe(
      `${REMOTE_ID}\n  ✔ figures.csv updated: sha256 new file, ${sha(V1)}…, ${V1.length} bytes, 4 rows, from member API_SP.POP.TOTL_DS2_en_csv_v2_2160.csv`,
    );
  });

  it("a failure names the url, the status and the reason, and exits 1", async () => {
    const { s, dirs, registry } = await setup({});
    expect(await cli(["fetch", REMOTE_ID, ...dirs, "--retries", "0"], registry)).toEqual({
      code: 1,
      out: `${REMOTE_ID}\n  ✘ figures.csv failed: ${s.url("/figures.csv")}, status 404: answered 404; not retried`,
      err: "",
    });
  });

  it("--timeout and --retries are used: a hang fails after the attempts given, with no status", async () => {
    const { s, dirs, registry } = await setup({ "/figures.csv": answer.hang() });
    const r = await cli(["fetch", REMOTE_ID, ...dirs, "--timeout", "0.2", "--retries", "0"], registry);
    expect(r).toEqual({ code: 1, out: `${REMOTE_ID}\n  ✘ figures.csv failed: ${s.url("/figures.csv")}, status none: no complete answer within the total timeout of 200 ms`, err: "" });
    expect(s.hits("/figures.csv")).toBe(1);
  });

  it("--max-size is used", async () => {
    const { dirs, registry } = await setup({ "/figures.csv": answer.body(V1) });
    expect((await cli(["fetch", REMOTE_ID, ...dirs, "--max-size", "100"], registry)).out).toMatch(/status 200: Content-Length \d+ bytes is over the size limit of 100 bytes$/);
  });

  it("--allow-shrink lets a far shorter file through, with a note", async () => {
    let body = V1;
    const { raw, dirs, registry } = await setup({ "/figures.csv": (req, res, hit) => answer.body(body)(req, res, hit) });
    await cli(["fetch", REMOTE_ID, ...dirs], registry);
    body = figures(1, "short");
    expect((await cli(["fetch", REMOTE_ID, ...dirs], registry)).code).toBe(1);
    const r = await cli(["fetch", REMOTE_ID, ...dirs, "--allow-shrink"], registry);
    expect(r.code).toBe(0);
    expect(r.out.split("\n").slice(2)).toEqual(["    note: accepted with --allow-shrink: the new file has 1 data rows, the current one 4: 3 fewer (75%), more than the 50% allowed"]);
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(body);
  });

  it("--json prints the results; --all covers pipelines without remote inputs too", async () => {
    const { s, dirs, registry } = await setup({ "/figures.csv": answer.body(V1) });
    const local = testPipeline({ id: "local-only" });
    const r = await cli(["fetch", "--all", ...dirs, "--json"], [...registry, local]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      {
        pipeline: REMOTE_ID,
        problem: null,
        exitCode: 0,
        files: [
          {
            file: "figures.csv",
            url: s.url("/figures.csv"),
            notes: [],
            status: "updated",
            httpStatus: 200,
            from: null,
            to: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: V1.length, rows: 4 },
          },
        ],
      },
      { pipeline: "local-only", problem: null, exitCode: 0, files: [] },
    ]);
    expect((await cli(["fetch", "local-only", ...dirs], [local])).out).toBe("local-only\n  no remote inputs (no input has a url)");
  });

  it("usage errors exit 2 before any request", async () => {
    const { s, dirs, registry } = await setup({ "/figures.csv": answer.body(V1) });
    expect(await cli(["fetch"], registry)).toMatchObject({ code: 2, err: expect.stringContaining("openfigures fetch: name at least one pipeline id, or --all") });
    expect(await cli(["fetch", REMOTE_ID, "--timeout", "soon"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining('openfigures fetch: Invalid option --timeout: expected a number of seconds above 0 such as 30, got "soon"'),
    });
    expect(await cli(["fetch", REMOTE_ID, "--connect-timeout", "0"], registry)).toMatchObject({ code: 2 });
    expect(await cli(["fetch", REMOTE_ID, "--max-size", "lots"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining('expected a size in bytes such as 500M, 2G or 1048576, got "lots"'),
    });
    expect(await cli(["fetch", REMOTE_ID, "--retries", "-1"], registry)).toMatchObject({ code: 2 });
    expect(await cli(["fetch", REMOTE_ID, ...dirs, "--bogus"], registry)).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--bogus'") });
    expect(s.requests).toEqual([]);
  });

  it("has help", async () => {
    expect(await cli(["fetch", "--help"], [])).toEqual({ code: 0, out: HELP.fetch, err: "" });
    expect(HELP.main).toContain("fetch <id...> | --all");
  });
});
