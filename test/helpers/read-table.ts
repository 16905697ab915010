/**
 * Runs a reader over a whole file the way the engine will: merge the dialect, decode, split
 * records with csv-parse (the dialect's options, `info` for lines), find the header, then
 * hand the reader the header and each record. Tests use it to run readers end to end on
 * fixture files; scripts use it on real files.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { decoderFor } from "../../src/stages/ingest/encoding.js";
import { csvParseOptions, dialectProblems, mergeDialect } from "../../src/stages/ingest/dialect.js";
import type { Dialect, DialectOptions } from "../../src/contracts/dialect.js";
import { HeaderLocator } from "../../src/stages/ingest/header-locator.js";
import type { Entity } from "../../src/figures/entities.js";
import type { CellReject, EntitiesReader, EntityRow, FigureCandidate, TableReader, LayoutProblem, RecordRead, SourceFacts, TableRecord } from "../../src/contracts/reader.js";

export interface Located<T> {
  line: number;
  item: T;
}

interface TableRun {
  dialect: Dialect;
  bom: boolean;
  preamble: TableRecord[];
  header: TableRecord | null;
  /** Header or preamble problems (reading stopped), and notes (warnings). */
  problems: LayoutProblem[];
  notes: LayoutProblem[];
  source: SourceFacts | null;
  blankLines: number[];
}

export interface FiguresRun extends TableRun {
  records: { line: number; cells: string[]; read: RecordRead }[];
  figures: FigureCandidate[];
  rejects: Located<CellReject>[];
  missing: number;
  cellsIn: number;
}

export interface EntitiesRun extends TableRun {
  rows: EntityRow[];
  rejects: Located<CellReject>[];
  entities: Entity[];
  groupProblems: LayoutProblem[];
}

const FIXTURES = new URL("../fixtures/readers/", import.meta.url).pathname;

/** The bytes of a fixture in test/fixtures/readers/, optionally edited as text (UTF-8). */
export function fixture(name: string, edit?: (text: string) => string): Buffer {
  const bytes = readFileSync(FIXTURES + name);
  return edit ? Buffer.from(edit(bytes.toString("utf8")), "utf8") : bytes;
}

/** Decodes and splits a file into records located by the physical line they start on. */
export function records(bytes: Buffer, dialect: Dialect): { records: TableRecord[]; bom: boolean } {
  const decoder = decoderFor(dialect.encoding);
  const res = decoder.decode(bytes);
  if (!res.ok) throw new Error(`not ${dialect.encoding}: ${res.guess}`);
  const end = decoder.finish();
  if (!end.ok) throw new Error(`not ${dialect.encoding}: ${end.guess}`);
  const text = res.text + end.text;
  const parsed = parse(text, { ...csvParseOptions(dialect), info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  // info.lines is the line a record ends on; the next record starts on the line after it.
  let next = 1;
  const out = parsed.map(({ record, info }) => {
    const r = { cells: record, line: next };
    next = info.lines + 1;
    return r;
  });
  return { records: out, bom: decoder.bom };
}

function prepare(input: string | Buffer, readerDialect: DialectOptions, overrides: DialectOptions) {
  const problems = dialectProblems(overrides, mergeDialect(readerDialect));
  if (problems.length > 0) throw new Error(problems.join("; "));
  const dialect = mergeDialect(readerDialect, overrides);
  const bytes = typeof input === "string" ? readFileSync(input) : input;
  const split = records(bytes, dialect);
  const locator = new HeaderLocator(dialect);
  const run: TableRun = { dialect, bom: split.bom, preamble: locator.preamble, header: null, problems: [], notes: [], source: null, blankLines: [] };
  let body: TableRecord[] = [];
  for (let i = 0; i < split.records.length; i++) {
    const r = split.records[i]!;
    const where = locator.offer(r);
    if (where === "preamble") continue;
    if (where === "header") {
      run.header = r;
      body = split.records.slice(i + 1);
    }
    break;
  }
  if (run.header === null) run.problems.push(locator.problem());
  return { run, body };
}

export function readFigures(input: string | Buffer, reader: TableReader, overrides: DialectOptions = {}): FiguresRun {
  const { run, body } = prepare(input, reader.dialect, overrides);
  const out: FiguresRun = { ...run, records: [], figures: [], rejects: [], missing: 0, cellsIn: 0 };
  if (run.header === null) return out;
  const h = reader.header(run.header, run.preamble, run.dialect);
  if (!h.ok) return { ...out, problems: h.problems };
  out.source = h.source;
  out.notes = h.notes;
  for (const r of body) {
    const read = reader.read(r.cells, { line: r.line }, h.plan);
    if (read.blank) {
      out.blankLines.push(r.line);
      continue;
    }
    out.records.push({ line: r.line, cells: [...r.cells], read });
    out.figures.push(...read.figures);
    out.rejects.push(...read.rejects.map((item) => ({ line: r.line, item })));
    out.missing += read.missing;
    out.cellsIn += read.cellsIn;
  }
  return out;
}

export function readEntities(input: string | Buffer, reader: EntitiesReader, overrides: DialectOptions = {}): EntitiesRun {
  const { run, body } = prepare(input, reader.dialect, overrides);
  const out: EntitiesRun = { ...run, rows: [], rejects: [], entities: [], groupProblems: [] };
  if (run.header === null) return out;
  const h = reader.header(run.header, run.preamble, run.dialect);
  if (!h.ok) return { ...out, problems: h.problems };
  for (const r of body) {
    const read = reader.read(r.cells, { line: r.line }, h.plan);
    if (read.blank) {
      out.blankLines.push(r.line);
      continue;
    }
    out.rows.push(...read.entities);
    out.rejects.push(...read.rejects.map((item) => ({ line: r.line, item })));
  }
  const done = reader.finish(out.rows);
  out.entities = done.entities;
  out.groupProblems = done.problems;
  return out;
}

/** [code, line, column] of each reject, in file order: what tests assert. */
export function rejectTuples(run: { rejects: Located<CellReject>[] }): [string, number, string | null][] {
  return run.rejects.map((r) => [r.item.code, r.line, r.item.column]);
}
