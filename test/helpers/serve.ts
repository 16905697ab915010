/**
 * The server as tests run it: an out folder published by a real run of the test pipeline, the
 * server on 127.0.0.1 with a free port, and raw HTTP requests (node:http with the path sent as
 * written: fetch would normalise `..` and encoded characters away).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";
import { runPipeline, targets } from "../../src/index.js";
import type { Pipeline } from "../../src/contracts/definition.js";
import type { ReleaseRecord } from "../../src/publish/release/release-index.js";
import type { AccessEntry } from "../../src/server/log.js";
import { startServer, type RunningServer } from "../../src/server/server.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "./pipeline.js";

export const PIPELINE = "test-figures";

/** A release large enough for indicators.csv and indicators.json to pass compression's 1 KiB threshold. */
export const ROWS = [
  'KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,"As of December 2018, data subscriptions stood at 45.7 million, the authority said."',
  'CHN,internet_users,2018-12,829 million,persons,src-a,"China had 829 million internet users by the end of 2018, according to the report."',
  'CHN,mobile_internet_users,2018-12,817 million,persons,src-a,"Of them, 817 million went online with their mobile phones."',
  ...["KEN", "CIV", "NGA", "GHA"].flatMap((country, c) =>
    [2015, 2016, 2017, 2018].map((year) => `${country},population,${year},${20 + c * 10 + (year - 2015)} million,persons,src-b,table 1 row ${c + 1}`),
  ),
];

export interface Published {
  raw: string;
  out: string;
  /** `<out>/test-figures`. */
  dir: string;
  pipeline: Pipeline;
  /** Publishes a release from these rows (a new SOURCE_DATE_EPOCH each time); returns its id. */
  publish(rows: string[], epoch?: number): Promise<string>;
  /** The release's record, as its release.json says. */
  record(releaseId: string): ReleaseRecord;
  /** sha256 and size of a release file, from its release.json. */
  hashOf(releaseId: string, file: string): { sha256: string; bytes: number };
}

let epochs = 0;

// An out folder lives for the whole test file (published once, in beforeAll), so it is removed
// after all its tests, not after each as tempDir()'s folders are.
const folders: string[] = [];
afterAll(() => {
  while (folders.length) rmSync(folders.pop()!, { recursive: true, force: true });
});

export async function published(options: { rows?: string[]; pdf?: boolean; keepReleases?: number } = {}): Promise<Published & { releaseId: string }> {
  const outputs = [targets.csv(), targets.json(), targets.datapackage(), ...(options.pdf ? [targets.pdf()] : [])];
  const pipeline = testPipeline({ derivations: [], outputs, ...(options.keepReleases ? { keepReleases: options.keepReleases } : {}) });
  const root = mkdtempSync(join(tmpdir(), "openfigures-serve-"));
  folders.push(root);
  const raw = join(root, "raw");
  const out = join(root, "out");
  mkdirSync(join(raw, PIPELINE), { recursive: true });
  writeFileSync(join(raw, PIPELINE, "sources.csv"), SOURCES_CSV);
  const dir = join(out, PIPELINE);
  const record = (id: string) => JSON.parse(readFileSync(join(dir, "releases", id, "release.json"), "utf8")) as ReleaseRecord;
  const p: Published = {
    raw,
    out,
    dir,
    pipeline,
    async publish(rows, epoch = 1572000000 + ++epochs * 60) {
      writeFileSync(join(raw, PIPELINE, "figures.csv"), figuresCsv(rows));
      const r = await runPipeline(pipeline, { rawDir: raw, outDir: out, maxRejected: "100%", env: { SOURCE_DATE_EPOCH: String(epoch) } });
      if (r.status !== "succeeded" || r.releaseId === null) throw new Error(`the test pipeline did not publish: ${r.status}`);
      return r.releaseId;
    },
    record,
    hashOf(id, file) {
      const f = record(id).files.find((x) => x.file === file);
      if (!f) throw new Error(`${file} is not in release ${id}`);
      return { sha256: f.sha256, bytes: f.bytes };
    },
  };
  const releaseId = await p.publish(options.rows ?? ROWS);
  return { ...p, releaseId };
}

const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length) running.pop()!.stopNow();
});

export interface TestServer extends RunningServer {
  /** Access-log entries so far. */
  log: AccessEntry[];
  /** A request with the path sent exactly as given. */
  get(path: string, init?: RequestInit): Promise<Reply>;
}

interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function serve(out: string): Promise<TestServer> {
  const log: AccessEntry[] = [];
  const server = await startServer({ out, host: "127.0.0.1", port: 0, onRequest: (e) => log.push(e) });
  running.push(server);
  return { ...server, log, get: (path, init) => rawRequest(server.url, path, init) };
}

/** One request on its own connection; the body as received (not decompressed). */
export function rawRequest(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: init.method ?? "GET", headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
