/**
 * Worker threads for large figures files. Parsing (csv-parse) and validation (zod, or a table
 * reader and the candidate checks) cost most of a run, and both work record by record, so
 * batches of records go to one worker per spare core while the main thread reads and frames the
 * file. Replies are handed on in batch order, so issues and rejects keep file order; each worker
 * keeps its valid figures as sorted runs on disk.
 *
 * A pipeline runs its figures in workers only when workers can rebuild what they need from data:
 * the input's reader from its spec (not a zod schema of one's own), the reader's plan, the
 * pipeline's catalogue, units and entities, and row checks from the built-in factories.
 * Otherwise (or for a small file) the same batch function runs in the main thread.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Entity } from "../../figures/entities.js";
import type { PipelineUnits } from "../../figures/unit-registry.js";
import type { IndicatorDefinition } from "../../contracts/definition.js";
import type { Reader, ReaderSpec } from "../../contracts/reader.js";
import type { BatchSetup } from "./batch.js";
import type { BatchReply as Reply } from "./figure-batch.js";
import * as factories from "./checks/index.js";
import type { Check } from "../../contracts/check.js";
import type { SortStats } from "../../stream/external-sort.js";

export interface WorkerInit {
  index: number;
  /** What the worker needs of the pipeline, as data: its ids, catalogue, units and names. */
  pipeline: {
    id: string;
    inputs: Record<string, { file: string }>;
    indicators: Record<string, IndicatorDefinition>;
    units: PipelineUnits;
    countryNames: Record<string, string>;
  };
  /** The entity registry's entries and options, and the source ids a figure may cite. */
  entities: { list: Entity[]; iso: boolean; names: Record<string, string> };
  sources: string[];
  /** The same setup the main thread gives the batch functions. */
  setup: BatchSetup;
  /** The input's reader, built again from its spec, and its plan from the header. */
  reader: ReaderSpec;
  plan: unknown;
  rowChecks: { factory: string; options: unknown }[];
  /** columnKey(input, column) → values, for the row checks (references). */
  columnValues: Record<string, string[]>;
  sortDir: string;
  runChars: number;
  /** false: every valid figure goes through the sort buffer (OPENFIGURES_SORT=full). */
  detectRuns: boolean;
  /** Test-only (workerFault()): how the worker fails at its first batch. */
  fault?: WorkerFault | undefined;
}

export type WorkerFault = "exit" | "throw";

/**
 * Fault injection for the tests, like OPENFIGURES_CRASH_AT: OPENFIGURES_WORKER_FAULT=exit makes
 * each worker end its thread with exit code 134 at its first batch (what a native abort, such
 * as running out of memory, does), `throw` makes it throw there. Not for users.
 */
export function workerFault(env: Readonly<Record<string, string | undefined>> = process.env): WorkerFault | undefined {
  const fault = env.OPENFIGURES_WORKER_FAULT;
  return fault === "exit" || fault === "throw" ? fault : undefined;
}

export type WorkerRequest = { type: "batch"; seq: number; lines: number[]; texts: string[] } | { type: "finish" };

export type WorkerReply = ({ type: "batch"; seq: number } & Reply) | { type: "done"; runs: string[]; stats: SortStats };

export type BatchReply = Extract<WorkerReply, { type: "batch" }>;

/** Heap limits of a worker, against the run's memory target (peak RSS ≤ 256 MiB with two
 *  workers: docs/performance.md). A worker holds one batch (BATCH_CHARS: 256 Ki characters), its
 *  streaming runs and its sort buffer (2 Mi characters); at 250k rows, 40 MiB was enough and
 *  took no more CPU than 128 (the old limit, sized for 1 Mi batches and an 8 Mi sort buffer of
 *  every row); 48 leaves room for wider rows. */
export const WORKER_HEAP_MB = 48;
export const WORKER_YOUNG_MB = 8;
/** Characters of out-of-order figures a worker sorts at a time (in key order, none are). */
export const WORKER_SORT_CHARS = 1 << 21;

/** A batch holding a record longer than this is checked in the main thread, once the batches
 *  before it are done (so issues keep file order). A worker's heap holds a record several times
 *  over (its cells, its CSV and JSON text, its sortable line): a field of 16 MiB was measured to
 *  exhaust a worker's heap of 128 MiB, where the main thread reads it; with 48 MiB, records over
 *  512 Ki characters go to the main thread. */
export const WORKER_RECORD_CHARS = 1 << 19;

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

/** The row checks of an input, as data a worker can rebuild; null when the reader or the
 *  checks cannot be built in a worker (a zod schema of one's own, a check of one's own). */
export function portable(reader: Reader, rowChecks: readonly Check[]): WorkerInit["rowChecks"] | null {
  if (reader.layout === "entities" || (reader.layout === "rows" && !reader.portable)) return null;
  const known = factories as unknown as Record<string, unknown>;
  if (!rowChecks.every((c) => typeof known[c.spec.factory] === "function")) return null;
  return rowChecks.map((c) => ({ factory: c.spec.factory, options: c.spec.options }));
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

/** Flags that preload a module: `--import x`, `--import=x`, `--require`/`-r`, `--loader`,
 *  `--experimental-loader`. */
const PRELOADS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/** V8's flags that a process is commonly started with: Node refuses V8 flags in a worker's
 *  execArgv ("Initiated Worker with invalid execArgv flags"); a worker's heap is set by its
 *  resourceLimits instead, and the others apply to the whole process anyway. */
const V8_FLAGS = new Set([
  "--max-old-space-size",
  "--max-semi-space-size",
  "--min-semi-space-size",
  "--max-heap-size",
  "--initial-heap-size",
  "--initial-old-space-size",
  "--stack-size",
  "--expose-gc",
  "--trace-gc",
  "--optimize-for-size",
]);

/**
 * The main thread's flags for a worker, without its preloads and heap flags. A worker inherits
 * execArgv by default, and so would load `--import bench/child-stats.ts` before the bootstrap
 * below has registered tsx in it ("Unknown file extension .ts"). A worker needs no preload: it
 * loads its own module, through tsx when that is TypeScript. A heap limit given to the process
 * (`node --max-old-space-size=200`, as a memory-limited job may be started) is the main
 * thread's: passed on, it failed every worker.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq !== -1 ? arg.slice(0, eq) : arg;
    if (V8_FLAGS.has(flag.replaceAll("_", "-"))) {
      if (flag === arg && /^\d+$/.test(argv[i + 1] ?? "")) i++; // its value is the next argument
    } else if (!PRELOADS.has(flag)) out.push(arg);
    else if (flag === arg) i++; // its value is the next argument
  }
  return out;
}

/** A worker thread died (an exception, running out of memory, a native abort): where it was. */
export class WorkerFailed extends Error {
  constructor(
    readonly file: string,
    /** The first line of the batch it was checking (null between batches). */
    readonly line: number | null,
    /** What happened, without the file: `a worker thread checking lines 2–90 stopped …`. */
    readonly rule: string,
  ) {
    super(`${file}: ${rule}`);
    this.name = "WorkerFailed";
  }
}

export class FigurePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, BatchReply>();
  /** Per worker, the first and last line of each batch sent and not yet answered, in order. */
  private readonly inFlight: { first: number; last: number }[][] = [];
  private readonly file: string;
  private nextSeq = 0;
  private delivered = 0;
  private failure: Error | null = null;
  private closing = false;
  private wake: (() => void) | null = null;

  constructor(
    count: number,
    init: Omit<WorkerInit, "index">,
    private readonly onBatch: (reply: BatchReply) => void,
  ) {
    this.file = init.setup.file;
    const script = workerScript();
    for (let i = 0; i < count; i++) {
      // A small old generation makes V8 collect early instead of growing the heap: the worker
      // holds one batch and one sort buffer at a time, and memory is what a run is judged by.
      const w = new Worker(script, {
        workerData: { ...init, index: i } satisfies WorkerInit,
        execArgv: workerExecArgv(process.execArgv),
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
      w.on("message", (reply: WorkerReply) => {
        if (reply.type !== "batch") return;
        this.inFlight[i]!.shift();
        this.waiting.set(reply.seq, reply);
        this.deliver();
      });
      // A worker that dies fails the run: waiting for its replies would wait for ever (and with
      // nothing else left to wait on, Node ended the process with exit code 13, leaving the
      // lock and the workspace behind). An "error" is followed by an "exit": the first counts.
      w.on("error", (err) => this.fail(this.workerFailed(i, `failed: ${err.message}`)));
      w.on("exit", (code) => {
        if (!this.closing) this.fail(this.workerFailed(i, `stopped with exit code ${code}${code === 134 ? " (an abort, as when a thread runs out of memory)" : ""}`));
      });
      this.workers.push(w);
      this.inFlight.push([]);
    }
  }

  private workerFailed(i: number, what: string): WorkerFailed {
    const batch = this.inFlight[i]![0];
    const where = batch ? `checking lines ${batch.first}–${batch.last}` : "between batches";
    return new WorkerFailed(this.file, batch?.first ?? null, `a worker thread ${where} ${what}`);
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
      const loads = this.inFlight.map((q) => q.length);
      const i = loads.indexOf(Math.min(...loads));
      if (loads[i]! < 2) {
        this.inFlight[i]!.push({ first: lines[0]!, last: lines.at(-1)! });
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

  /** Waits for every batch, then collects each worker's sorted runs and how they were made; the
   *  workers end. */
  async finish(): Promise<{ runs: string[]; stats: SortStats }> {
    await this.drain();
    const done = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<Extract<WorkerReply, { type: "done" }>>((resolve, reject) => {
            w.on("message", (reply: WorkerReply) => reply.type === "done" && resolve(reply));
            // The pool's own listeners ran first and recorded why.
            w.once("exit", () => reject(this.failure ?? new Error("a worker thread stopped")));
            w.postMessage({ type: "finish" } satisfies WorkerRequest);
          }),
      ),
    );
    await this.close();
    const stats: SortStats = { streamed: 0, sorted: 0, runs: 0 };
    for (const d of done) {
      stats.streamed += d.stats.streamed;
      stats.sorted += d.stats.sorted;
      stats.runs += d.stats.runs;
    }
    return { runs: done.flatMap((d) => d.runs), stats };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
