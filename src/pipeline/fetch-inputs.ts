/**
 * `openfigures fetch` for one pipeline: refreshes each remote input (one whose definition, or
 * whose record in snapshots.json, names a URL) in `<raw>/<id>/`, one after the other, and
 * returns what happened to each. The input's reader decides whether a new file is accepted:
 * ingest with the input's reader and dialect (the file is in the dialect's encoding, its header
 * is where the dialect says and is one the reader can read, its records can be framed), the same
 * reading a run starts with, which also counts the data records for the shrink guard.
 */
import { mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Dispatcher } from "undici";
import { DownloadCache } from "../fetch/download-cache.js";
import { DEFAULT_LIMITS, type FetchLimits } from "../fetch/limits.js";
import { readManifest } from "../fetch/manifest.js";
import { makeDispatcher, type Env } from "../fetch/proxy.js";
import { refreshFile, type Inspection, type RefreshResult } from "../fetch/snapshot.js";
import { mergeDialect } from "../stages/ingest/dialect.js";
import { ingest, newIngestSummary } from "../stages/ingest/ingest.js";
import { IssueLog } from "./issue-log.js";
import type { InputDefinition, Pipeline } from "../contracts/definition.js";

export interface FetchOptions {
  rawDir: string;
  allowShrink?: boolean;
  limits?: Partial<FetchLimits>;
  /** Proxy variables (default process.env). */
  env?: Env;
  /** An HTTP dispatcher to share between pipelines; one is made (and closed) otherwise. */
  dispatcher?: Dispatcher;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Stops the fetch (a scheduler shutting down); no file is replaced after it. */
  signal?: AbortSignal;
}

export interface PipelineFetch {
  pipeline: string;
  /** One result per remote input, in the definition's order. */
  files: RefreshResult[];
  /** snapshots.json cannot be read (each remote input's result says so too). */
  problem: string | null;
  /** 0 when every file is unchanged, updated or recorded; 1 when any failed. */
  exitCode: 0 | 1;
}

const MAX_REASONS = 3;

/** Reads `path` as the input's file would be read by a run: accepted unless the file as a whole is unreadable. */
export async function inspectInput(pipeline: Pipeline, input: InputDefinition, path: string): Promise<Inspection> {
  const log = new IssueLog();
  const summary = newIngestSummary();
  const dialect = mergeDialect(input.reader.dialect, input.dialect);
  // `path` is in the pipeline's raw folder (the file, or a temporary file beside it).
  for await (const batch of ingest({ pipeline: pipeline.id, file: input.file, folder: dirname(path), name: basename(path), reader: input.reader, dialect, log }, summary)) void batch;
  if (!summary.fatal) return { ok: true, rows: summary.rowsIn };
  const errors = log.list().filter((i) => i.severity === "error");
  const shown = errors.slice(0, MAX_REASONS).map((i) => i.message);
  if (errors.length > MAX_REASONS) shown.push(`and ${errors.length - MAX_REASONS} more`);
  return { ok: false, reason: shown.join("; ") };
}

/** The inputs `fetch` refreshes: those with a URL in the definition or in snapshots.json
 *  (and the reason snapshots.json cannot be read, if it cannot); `shared`: the URLs that two of
 *  them or more name (one archive holding two inputs), downloaded once per fetch. */
export async function remoteInputs(pipeline: Pipeline, rawDir: string): Promise<{ inputs: InputDefinition[]; problem: string | null; shared: Set<string> }> {
  const read = await readManifest(join(rawDir, pipeline.id));
  const recorded = read.ok ? read.manifest.files : {};
  const inputs = Object.values(pipeline.inputs).filter((i) => i.url !== undefined || recorded[i.file] !== undefined);
  const urls = inputs.map((i) => i.url ?? recorded[i.file]!.url);
  const shared = new Set(urls.filter((u, n) => urls.indexOf(u) !== n));
  return { inputs, problem: read.ok ? null : read.reason, shared };
}

export async function fetchPipeline(pipeline: Pipeline, opts: FetchOptions): Promise<PipelineFetch> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const dir = join(opts.rawDir, pipeline.id);
  const { inputs, problem, shared } = await remoteInputs(pipeline, opts.rawDir);
  const files: RefreshResult[] = [];
  if (inputs.length === 0) return { pipeline: pipeline.id, files, problem, exitCode: problem ? 1 : 0 };
  await mkdir(dir, { recursive: true });
  const dispatcher = opts.dispatcher ?? makeDispatcher({ connectTimeoutMs: limits.connectTimeoutMs, ...(opts.env ? { env: opts.env } : {}) });
  const downloads = new DownloadCache(shared);
  try {
    for (const input of inputs) {
      files.push(
        await refreshFile({
          dir,
          file: input.file,
          url: input.url,
          member: input.member,
          inspect: (path) => inspectInput(pipeline, input, path),
          allowShrink: opts.allowShrink ?? false,
          dispatcher,
          limits,
          ...(opts.random ? { random: opts.random } : {}),
          ...(opts.sleep ? { sleep: opts.sleep } : {}),
          ...(opts.now ? { now: opts.now } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
          downloads,
        }),
      );
    }
  } finally {
    await downloads.close();
    if (!opts.dispatcher) await dispatcher.close();
  }
  return { pipeline: pipeline.id, files, problem, exitCode: problem || files.some((f) => f.status === "failed") ? 1 : 0 };
}
