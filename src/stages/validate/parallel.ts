/**
 * Worker threads for large figures files. Parsing (csv-parse) and validation (zod) cost most of
 * a run, and both work row by row, so batches of records go to one worker per spare core while
 * the main thread reads and frames the file. Replies are handed on in batch order, so issues
 * and rejects keep file order; each worker keeps its valid rows as sorted runs on disk.
 *
 * A pipeline runs its figures in workers only when workers can rebuild what they need from data:
 * a schema from figureRowSchema() and row checks from the built-in factories. Otherwise (or for
 * a small file) the same batch function runs in the main thread.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Issue } from "../../pipeline/issue.js";
import type { PipelineDefinition } from "../../pipeline/types.js";
import type { BatchResult, BatchSetup } from "./batch.js";
import { schemaSpec, type SchemaSpec } from "../../figures/schemas.js";
import * as factories from "./checks/index.js";
import type { Check } from "./checks/check.js";

export interface WorkerInit {
  index: number;
  /** What the worker needs of the pipeline: ids and names, as data. */
  pipeline: { id: string; inputs: Record<string, { file: string }>; indicators: Record<string, { name: string }>; countryNames: Record<string, string> };
  /** The same setup the main thread gives processBatch(). */
  setup: BatchSetup;
  schema: SchemaSpec;
  rowChecks: { factory: string; options: unknown }[];
  /** columnKey(input, column) → values, for the row checks (references). */
  columnValues: Record<string, string[]>;
  sortDir: string;
  runChars: number;
}

export type WorkerRequest = { type: "batch"; seq: number; lines: number[]; texts: string[] } | { type: "finish" };

export type WorkerReply =
  | { type: "batch"; seq: number; rejects: BatchResult["rejects"]; issues: Issue[]; blank: number[]; valid: number }
  | { type: "done"; runs: string[] };

export type BatchReply = Extract<WorkerReply, { type: "batch" }>;

/** Heap limits of a worker. It holds one batch and its sort buffer; a smaller heap was measured
 *  to spend a third of the worker's time collecting garbage, or to run out of memory. */
export const WORKER_HEAP_MB = 128;
export const WORKER_YOUNG_MB = 32;

/** A batch holding a record longer than this is checked in the main thread, once the batches
 *  before it are done (so issues keep file order). A worker's heap holds a record several times
 *  over (its cells, its CSV and JSON text, its sortable line): a field of 16 MiB was measured to
 *  exhaust WORKER_HEAP_MB, where the main thread reads it. */
export const WORKER_RECORD_CHARS = 1 << 21;

export function fitsWorker(texts: readonly string[]): boolean {
  for (const t of texts) if (t.length > WORKER_RECORD_CHARS) return false;
  return true;
}

/** Files smaller than this are read in the main thread: starting workers would cost more. */
export const PARALLEL_MIN_BYTES = 8 << 20;

/** How many workers a file of `bytes` gets: OPENFIGURES_WORKERS overrides (0: none). */
export function workerCount(bytes: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const forced = env.OPENFIGURES_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (bytes < PARALLEL_MIN_BYTES) return 0;
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The row checks and schema of `input`, as data a worker can rebuild; null when they cannot be. */
export function portable(pipeline: PipelineDefinition, input: string, rowChecks: readonly Check[]): { schema: SchemaSpec; rowChecks: WorkerInit["rowChecks"] } | null {
  const schema = schemaSpec(pipeline.inputs[input]!.schema);
  if (!schema) return null;
  const known = factories as unknown as Record<string, unknown>;
  if (!rowChecks.every((c) => typeof known[c.spec.factory] === "function")) return null;
  return { schema, rowChecks: rowChecks.map((c) => ({ factory: c.spec.factory, options: c.spec.options })) };
}

function workerScript(): URL {
  // In dist/ the worker is JavaScript. In a checkout the sources are TypeScript run through
  // tsx, and Node 20 ignores --import in a worker's execArgv: a two-line bootstrap registers
  // tsx in the worker, then loads the worker module.
  if (!import.meta.url.endsWith(".ts")) return new URL("./figure-worker.js", import.meta.url);
  const tsxRoot = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(join(tsxRoot, "dist", "esm", "api", "index.mjs")).href;
  const entry = new URL("./figure-worker.ts", import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export class FigurePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, BatchReply>();
  private readonly inFlight: number[] = [];
  private nextSeq = 0;
  private delivered = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    count: number,
    init: Omit<WorkerInit, "index">,
    private readonly onBatch: (reply: BatchReply) => void,
  ) {
    const script = workerScript();
    for (let i = 0; i < count; i++) {
      // A small old generation makes V8 collect early instead of growing the heap: the worker
      // holds one batch and one sort buffer at a time, and memory is what a run is judged by.
      const w = new Worker(script, { workerData: { ...init, index: i } satisfies WorkerInit, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      w.on("message", (reply: WorkerReply) => {
        if (reply.type !== "batch") return;
        this.inFlight[i]!--;
        this.waiting.set(reply.seq, reply);
        this.deliver();
      });
      w.on("error", (err) => this.fail(err));
      this.workers.push(w);
      this.inFlight.push(0);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  private deliver(): void {
    // This runs in a worker's "message" listener, where a throw would be uncaught and end the
    // process: a failing onBatch (a spill file that cannot be written) fails the run instead,
    // at the next submit() or finish().
    try {
      let r = this.waiting.get(this.delivered);
      while (r && !this.failure) {
        this.waiting.delete(this.delivered);
        this.delivered++;
        this.onBatch(r);
        r = this.waiting.get(this.delivered);
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
    this.wake?.();
  }

  /** Sends a batch to the least busy worker; waits while every worker has two batches queued. */
  async submit(lines: number[], texts: string[]): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      const i = this.inFlight.indexOf(Math.min(...this.inFlight));
      if (this.inFlight[i]! < 2) {
        this.inFlight[i]!++;
        const msg: WorkerRequest = { type: "batch", seq: this.nextSeq++, lines, texts };
        this.workers[i]!.postMessage(msg);
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Waits until every batch sent so far has been handed on. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.delivered >= this.nextSeq) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Waits for every batch, then collects each worker's sorted runs; the workers end. */
  async finish(): Promise<string[]> {
    await this.drain();
    const done = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<Extract<WorkerReply, { type: "done" }>>((resolve, reject) => {
            w.on("message", (reply: WorkerReply) => reply.type === "done" && resolve(reply));
            w.once("error", reject);
            w.postMessage({ type: "finish" } satisfies WorkerRequest);
          }),
      ),
    );
    await this.close();
    return done.flatMap((d) => d.runs);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
