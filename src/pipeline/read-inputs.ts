/**
 * Ingest and validate, streamed together, every input through its reader and dialect. Inputs are
 * read entities first (every figure's entity is checked against them), then sources (small: held
 * whole, so their table checks see every row, and every figure's source is checked against
 * them), then figures of every layout (any size: batches are split and checked in worker threads
 * when the file is large, and valid figures leave as sortable records for the sorted pass).
 * Issues go to the log and rejects to the reject sink as they are found, in file order.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { EntityRegistry, type Entity } from "../figures/entities.js";
import { unitsOf } from "../figures/unit-registry.js";
import { batchCharsFrom } from "../stages/ingest/batches.js";
import { mergeDialect } from "../stages/ingest/dialect.js";
import { fileIssueReporter, ingest, newIngestSummary, type IngestSummary } from "../stages/ingest/ingest.js";
import type { Reader } from "../contracts/reader.js";
import { inlineSource, normaliseSource } from "../stages/transform/normalise.js";
import { namesOf } from "../format/record.js";
import { processBatch, type BatchEnv, type BatchSetup, type RowsEnv } from "../stages/validate/batch.js";
import { replyOf, sortFigureBatch, type BatchReply } from "../stages/validate/figure-batch.js";
import { makeBatchEnv, type PipelineKnowledge } from "../stages/validate/batch-env.js";
import { columnKey, type Check, type CheckContext } from "../contracts/check.js";
import { runGroupChecks } from "../stages/validate/group-checks.js";
import { FigurePool, fitsWorker, portable, WORKER_SORT_CHARS, workerCount, workerFault } from "../stages/validate/parallel.js";
import { ExternalSorter } from "../stream/external-sort.js";
import type { IssueLog } from "./issue-log.js";
import { makeIssue, placeId } from "../contracts/issue.js";
import { EntitiesRead } from "./read-entities.js";
import type { RejectSink } from "./reject-sink.js";
import type { InputDefinition, Pipeline } from "../contracts/definition.js";
import type { Source, ValidRow } from "../contracts/rows.js";
import { NO_PROGRESS, type ProgressSink } from "../contracts/progress.js";

export interface InputRead {
  name: string;
  file: string;
  reader: Reader;
  summary: IngestSummary;
  /** Rows of a row layout, or entities, that passed the checks done while reading (the sorted
   *  pass may reject more figures); a table's figures are counted by the sorted pass. */
  valid: number;
  /** Records rejected whole while reading (their quoting, their number of cells, an id cell). */
  ingestRejected: number;
  /** Values read: rows of a row layout (or entities), non-empty value cells of a table (a
   *  record that cannot be split counts as one), and a table's missing cells. */
  values: { in: number; missing: number; ingestRejected: number };
  /** Not read, because an entities input before it could not be (its figures would be
   *  checked against entities that are missing). */
  skipped: boolean;
}

export interface ReadResult {
  inputs: InputRead[];
  /** Valid rows of the sources input (the checks refer to their columns). */
  sourceRows: ValidRow[];
  /** Every source, from the sources input and from readers, by id. */
  sources: Source[];
  /** Source id → the file that declares it (the input whose reader declares it, or the sources
   *  input): a raw file the source rests on (source-files.ts). */
  declaredIn: Map<string, string>;
  /** The pipeline's entities: ISO 3166 unless it says otherwise, its own, those of its
   *  entities input. The sorted pass and the publish context see the same registry. */
  entities: EntityRegistry;
  /** Valid figures as sortable records (format/record.ts). */
  figures: ExternalSorter;
  ingestMs: number;
  validateMs: number;
}

export interface ReadOptions {
  rawDir: string;
  workDir: string;
  strict: boolean;
  /** Whether valid figures get their published text (false for `validate`). */
  text: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  /** Told of each batch read: its rows and the bytes read for it. */
  progress?: ProgressSink;
}

export function checkContext(pipeline: Pipeline, sources: readonly ValidRow[]): CheckContext {
  const cache = new Map<string, Set<string>>();
  return {
    pipeline,
    columnValues(input, column) {
      const key = columnKey(input, column);
      let set = cache.get(key);
      if (!set) cache.set(key, (set = new Set(sources.filter((r) => r.input === input).map((r) => r.cells[column] ?? ""))));
      return set;
    },
  };
}

/**
 * Whether valid figures that arrive in key order skip the sort (external-sort.ts). Test and
 * diagnosis only: OPENFIGURES_SORT=full sends every figure through the sort buffer, the path the
 * tests compare the published bytes with.
 */
function detectRuns(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.OPENFIGURES_SORT !== "full";
}

const ORDER = { entities: 0, sources: 1, figures: 2 } as const;

/** The registry of `pipeline`, with the entities read from its entities input (if any). */
export function entityRegistry(pipeline: Pipeline, fromFile: readonly Entity[] = []): { registry: EntityRegistry; list: Entity[] } {
  const def = pipeline.entities;
  // Later entries win: a declared entity replaces the file's.
  const list = [...fromFile, ...(def?.list ?? [])];
  const registry = new EntityRegistry(list, { iso: def?.iso ?? true, names: def?.names ?? {}, countryNames: pipeline.countryNames ?? {} });
  return { registry, list };
}

export async function readInputs(pipeline: Pipeline, log: IssueLog, rejects: RejectSink, opts: ReadOptions): Promise<ReadResult> {
  const order = Object.entries(pipeline.inputs).sort(([, a], [, b]) => ORDER[a.reader.role] - ORDER[b.reader.role]);
  const figures = new ExternalSorter({ dir: opts.workDir, name: "figures", detectRuns: detectRuns(opts.env) });
  const units = unitsOf(pipeline);
  let entities = entityRegistry(pipeline);
  const sources = new Map<string, Source>();
  const result: ReadResult = { inputs: [], sourceRows: [], sources: [], declaredIn: new Map(), entities: entities.registry, figures, ingestMs: 0, validateMs: 0 };
  let entitiesFailed = false;
  const progress = opts.progress ?? NO_PROGRESS;
  // The ETA of reading: bytes read against the sizes of every input file.
  const sizes = await Promise.all(
    order.map(([, input]) =>
      stat(join(opts.rawDir, pipeline.id, input.file)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  progress.stage("ingest", { bytes: sizes.reduce((a, b) => a + b, 0), rows: null });
  // Sources declared in readers are known from the definition: a table's cells cite them.
  const declared = Object.values(pipeline.inputs).flatMap((i) => (typeof i.reader.cites === "object" && i.reader.cites !== null ? [i.reader.cites.id] : []));
  for (const [name, input] of order) {
    const read: InputRead = {
      name,
      file: input.file,
      reader: input.reader,
      summary: newIngestSummary(),
      valid: 0,
      ingestRejected: 0,
      values: { in: 0, missing: 0, ingestRejected: 0 },
      skipped: false,
    };
    result.inputs.push(read);
    if (entitiesFailed) {
      read.skipped = true;
      continue;
    }
    const known: PipelineKnowledge = { indicators: pipeline.indicators, units, entities: entities.registry, sources: new Set([...sources.keys(), ...declared]) };
    const t1 = performance.now();
    const done = await readInput(pipeline, name, input, read, known, entities.list, result, log, rejects, opts);
    result.validateMs += done.ms;
    result.ingestMs += performance.now() - t1 - done.ms;
    // A source declared in the reader is published with what its file says of it; one cited by
    // id is a row of the sources input, published as that row.
    const declaredHere = typeof input.reader.cites === "object" && input.reader.cites !== null;
    if (declaredHere && read.summary.source !== null && !read.summary.fatal) addSource(sources, result.declaredIn, inlineSource(read.summary.source), name, pipeline.id, input.file, log);
    if (input.reader.role === "sources") for (const row of result.sourceRows) addSource(sources, result.declaredIn, normaliseSource(row), name, pipeline.id, input.file, log, row.line);
    if (input.reader.role === "entities") {
      if (read.summary.fatal) entitiesFailed = true;
      entities = entityRegistry(pipeline, done.entities ?? []);
      result.entities = entities.registry;
    }
  }
  result.sources = [...sources.values()].sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  return result;
}

/** A source from a reader (declared there, with what its file says) or a row of the sources input.
 *  One id is one source: a second, different one is reported and the first kept. */
function addSource(sources: Map<string, Source>, declaredIn: Map<string, string>, s: Source, input: string, pipeline: string, file: string, log: IssueLog, line: number | null = null): void {
  const seen = sources.get(s.sourceId);
  if (seen === undefined) {
    sources.set(s.sourceId, s);
    declaredIn.set(s.sourceId, file);
  } else if (JSON.stringify(seen) !== JSON.stringify(s)) {
    log.add(
      makeIssue({
        code: "CHECK_NOT_UNIQUE",
        severity: "warning",
        pipeline,
        file,
        line,
        field: "source_id",
        value: s.sourceId,
        rule: `input ${input} gives source ${JSON.stringify(s.sourceId)} other details than an input read before it (${JSON.stringify(seen)}); the first is published`,
      }),
    );
  }
}

interface Reading {
  read: InputRead;
  rejects: RejectSink;
  log: IssueLog;
}

/** Hands on what a batch found: its issues, its rejects, its counts. */
function apply({ read, rejects, log }: Reading, report: ReturnType<typeof fileIssueReporter>, r: BatchReply): void {
  for (const line of r.blank) {
    read.summary.rowsIn--;
    report("INGEST_BLANK_ROW", "row with only empty cells skipped", line);
  }
  for (const issue of r.issues) log.add(issue);
  for (const x of r.rejects) {
    rejects.add(read.name, read.file, x.line, x.column, x.values, x.cells, x.raw);
    if (x.stage === "ingest") {
      read.ingestRejected++;
      read.values.ingestRejected += x.values;
    }
  }
  read.values.in += r.valuesIn;
  read.values.missing += r.missing;
  read.valid += r.kept;
}

/** Reads one input; returns the time spent checking (the rest is reading), and the entities of
 *  an entities input. */
async function readInput(
  pipeline: Pipeline,
  name: string,
  input: InputDefinition,
  read: InputRead,
  known: PipelineKnowledge,
  entityList: readonly Entity[],
  result: ReadResult,
  log: IssueLog,
  rejects: RejectSink,
  opts: ReadOptions,
): Promise<{ ms: number; entities: Entity[] | null }> {
  const { reader } = input;
  const { summary } = read;
  const dialect = mergeDialect(reader.dialect, input.dialect);
  const path = join(opts.rawDir, pipeline.id, input.file);
  const rowChecks = pipeline.checks.filter((c) => c.input === name && c.scope === "row");
  const ctx = checkContext(pipeline, result.sourceRows);
  const report = fileIssueReporter({ pipeline: pipeline.id, file: input.file, log }, summary);
  const reading: Reading = { read, rejects, log };
  const names = namesOf(pipeline, known.entities);
  const held: ValidRow[] = [];
  const setup: BatchSetup = { pipeline: pipeline.id, input: name, file: input.file, dialect, strict: opts.strict, text: opts.text };

  const bytes = (await stat(path).catch(() => null))?.size ?? 0;
  const recipe = reader.role === "figures" ? portable(reader, rowChecks) : null;
  const workers = recipe ? workerCount(bytes, opts.env) : 0;
  let pool: FigurePool | null = null;
  let env: BatchEnv | null = null;
  let entitiesRead: EntitiesRead | null = null;
  let inner = 0;
  let bytesSeen = 0;
  const progress = opts.progress ?? NO_PROGRESS;
  // A batch counts for the progress once checked: one sent to a worker thread when its reply is
  // handed on (in order), so the ETA follows the checking, which reading runs ahead of by the
  // workers' queues (several megabytes), not the reading.
  const sent: [rows: number, bytes: number][] = [];
  // Workers are ended on any throw too (a spill file that cannot be written, a bad file),
  // not left running until the process exits.
  try {
    for await (const batch of ingest({ pipeline: pipeline.id, file: input.file, folder: join(opts.rawDir, pipeline.id), reader, dialect, log, batchChars: batchCharsFrom(opts.env) }, summary)) {
      const counts: [number, number] = [batch.lines.length + batch.rejects.length, batch.bytesRead - bytesSeen];
      bytesSeen = batch.bytesRead;
      let pooled = false;
      const ti = performance.now();
      for (const x of batch.rejects) {
        // A record that cannot be split: its cells cannot be counted, so it stands for one value.
        log.add(x.issue);
        rejects.add(name, input.file, x.line, null, 1, {}, x.raw);
        read.ingestRejected++;
        read.values.in++;
        read.values.ingestRejected++;
      }
      if (batch.lines.length > 0) {
        if (reader.layout === "entities") {
          entitiesRead ??= new EntitiesRead({ pipeline: pipeline.id, input: name, file: input.file, dialect }, reader, summary.plan, log, rejects);
          entitiesRead.add(batch);
        } else if (workers > 0 && recipe && fitsWorker(batch.texts)) {
          pool ??= new FigurePool(
            workers,
            {
              pipeline: {
                id: pipeline.id,
                inputs: Object.fromEntries(Object.entries(pipeline.inputs).map(([n, i]) => [n, { file: i.file }])),
                indicators: structuredClone({ ...pipeline.indicators }),
                units: structuredClone({ ...(pipeline.units ?? {}) }),
                countryNames: { ...(pipeline.countryNames ?? {}) },
              },
              entities: { list: [...entityList], iso: pipeline.entities?.iso ?? true, names: { ...(pipeline.entities?.names ?? {}) } },
              sources: [...known.sources],
              setup,
              reader: reader.spec,
              plan: summary.plan,
              rowChecks: recipe,
              columnValues: columnValuesFor(rowChecks, ctx),
              sortDir: opts.workDir,
              runChars: WORKER_SORT_CHARS,
              detectRuns: detectRuns(opts.env),
              fault: workerFault(opts.env),
            },
            (reply) => {
              apply(reading, report, reply);
              const [rows, bytes] = sent.shift() ?? [0, 0];
              progress.advance(rows, bytes);
            },
          );
          sent.push(counts);
          pooled = true;
          await pool.submit(batch.lines, batch.texts);
        } else {
          await pool?.drain();
          env ??= makeBatchEnv(setup, reader, summary.plan, known, rowChecks, ctx);
          if (reader.role === "figures") apply(reading, report, replyOf(sortFigureBatch(batch.lines, batch.texts, env, result.figures, names)));
          else {
            const r = processBatch(batch.lines, batch.texts, env as RowsEnv);
            apply(reading, report, replyOf(r));
            held.push(...r.valid);
          }
        }
      }
      if (!pooled) progress.advance(...counts);
      inner += performance.now() - ti;
    }
    if (pool) {
      const ti = performance.now();
      const done = await pool.finish();
      result.figures.addRuns(done.runs, done.stats);
      inner += performance.now() - ti;
    }
  } finally {
    await pool?.close();
  }
  let entities: Entity[] | null = null;
  if (reader.layout === "entities") {
    for (const line of entitiesRead?.blank ?? []) {
      summary.rowsIn--;
      report("INGEST_BLANK_ROW", "row with only empty cells skipped", line);
    }
    entities = entitiesRead?.finish() ?? [];
    read.valid = entitiesRead?.used ?? 0;
    read.values.in = summary.rowsIn;
  }
  if (reader.role === "sources") {
    // Sources are small: their group checks see the whole table at once.
    const rejected = runGroupChecks(pipeline, name, held, ctx, log);
    read.valid = 0;
    for (const row of held) {
      if (rejected.has(placeId(row.file, row.line, null))) rejects.add(name, row.file, row.line, null, 1, row.cells, row.raw);
      else {
        result.sourceRows.push(row);
        read.valid++;
      }
    }
  }
  return { ms: inner, entities };
}

/** The values of other inputs' columns that the row checks refer to, for worker threads. */
function columnValuesFor(rowChecks: readonly Check[], ctx: CheckContext): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of rowChecks) {
    for (const [input, column] of c.refs.fields ?? []) {
      if (input === c.input) continue;
      out[columnKey(input, column)] = [...ctx.columnValues(input, column)];
    }
  }
  return out;
}
