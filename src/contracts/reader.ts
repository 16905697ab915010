/**
 * The reader contract. A reader is data plus pure functions, no I/O: the engine decodes the
 * file, splits it into records with the dialect, finds the header
 * (stages/ingest/header-locator.ts), then hands the reader the header and each
 * record's cells. The reader says what the cells mean: figures, or entities, and every cell
 * it cannot place as a reject with its reason. Options and plans are plain data, so a worker
 * thread can rebuild a reader from its spec and receive a plan as is.
 */
import type { z } from "zod";
import type { Entity, EntityRegistry } from "../figures/entities.js";
import type { UnitRegistry } from "../figures/unit-registry.js";
import type { IssueCode } from "./codes.js";
import { makeIssue, type Issue } from "./issue.js";
import type { IndicatorDefinition } from "./definition.js";
import type { Dialect, DialectOptions } from "./dialect.js";
import type { Source } from "./rows.js";

/** One record split into cells, and the physical line it starts on (1-based). */
export interface TableRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** A problem of the file's layout (its header, its preamble) rather than of one record. */
export interface LayoutProblem {
  readonly code: IssueCode;
  readonly line: number | null;
  /** The header cell at fault, when one is. */
  readonly column: string | null;
  readonly value: string | null;
  /** The rule in words, naming what was expected. */
  readonly rule: string;
}

/** A source id (declared in the pipeline's sources), or the source declared here. */
export type SourceOption =
  | string
  | {
      readonly id: string;
      readonly publisher: string;
      readonly title: string;
      readonly url: string;
      readonly license: string;
      /** When the file was retrieved, YYYY-MM-DD. */
      readonly accessed?: string;
      /** When the source published it; the World Bank preset reads it from the file. */
      readonly published?: string;
    };

export function sourceFacts(source: SourceOption): SourceFacts {
  if (typeof source === "string") return { sourceId: source };
  const { id, ...rest } = source;
  return { sourceId: id, ...rest };
}

export function sourceId(source: SourceOption): string {
  return typeof source === "string" ? source : source.id;
}

/** What the file says about its source, beside what the definition declared (the World Bank
 *  preamble's "Last Updated Date" becomes `published`). */
export type SourceFacts = { readonly sourceId: string } & Partial<Omit<Source, "sourceId">>;

export type HeaderResult<Plan> =
  /** `notes`: warnings about the header or preamble that do not stop reading. */
  { ok: true; plan: Plan; source: SourceFacts | null; notes: LayoutProblem[] } | { ok: false; problems: LayoutProblem[] };

/** Cells that cannot be placed, with the reason. */
export interface CellReject {
  readonly code: IssueCode;
  readonly rule: string;
  /** "cell": only this cell is rejected. "record": the record as a whole (its shape, or an
   *  id cell at fault), so every value cell in it is rejected. */
  readonly scope: "cell" | "record";
  /** The header of the cell at fault (for a record, of the id cell that gave it away), or
   *  null when no one cell is (too many cells). */
  readonly column: string | null;
  /** That cell as written. */
  readonly value: string | null;
  /** The value cells this reject accounts for, by index in the record: non-empty, not a
   *  missing marker, each in exactly one reject or one figure. */
  readonly cells: readonly number[];
  /** For a cell rejected in a record whose ids were read: what the cell would have been (the
   *  entity as given, the indicator, the period), for rejects.csv. */
  readonly meaning?: { readonly entity: string; readonly indicator: string; readonly period: string };
}

/** One value cell read as a figure, not yet checked against the pipeline (entity known,
 *  indicator declared, unit and range: the validate stage). */
export interface FigureCandidate {
  /** As given: a code, or a name when the input gives names only. */
  readonly entity: string;
  readonly entityBy: "code" | "name";
  /** The source row's own name for the entity, when it has one. */
  readonly entityName: string | null;
  /** A pipeline indicator code (source codes already mapped). */
  readonly indicator: string;
  /** As given: "2018", "2018-12". */
  readonly period: string;
  /** The cell exactly as written: `value_as_printed`. */
  readonly printed: string;
  readonly value: number;
  /** The exact value as a plain decimal string (table-number.ts). */
  readonly decimal: string;
  readonly resolution: number;
  /** null: the indicator's unit. */
  readonly unit: string | null;
  readonly sourceIds: readonly string[];
  /** The sentence a prose figure was taken from; "" for a table cell, whose provenance is
   *  its line and column. */
  readonly quote: string;
  /** Physical line where the record starts. */
  readonly line: number;
  /** The value cell's header ("2018" in a wide table, "Value" in a long one). */
  readonly column: string;
  /** The value cell's index in the record. */
  readonly cell: number;
}

export interface RecordRead {
  readonly figures: FigureCandidate[];
  readonly rejects: CellReject[];
  /** Value cells that were empty (or blank) or a missing marker. */
  readonly missing: number;
  /** Non-empty, non-missing value cells: figures.length + the cells of every reject. */
  readonly cellsIn: number;
  /** Every cell empty: not a record (the engine notes a blank row). */
  readonly blank: boolean;
}

/** How to build the reader again (fingerprint, worker threads): readers/index.ts's readerFromSpec. */
export interface ReaderSpec {
  readonly factory: string;
  readonly options: unknown;
}

/** What a reader may check its options against when the pipeline definition loads. */
export interface DefinitionContext {
  readonly indicators: readonly string[];
  /** Unit codes the pipeline knows; omitted: units are not checked here. */
  readonly units?: readonly string[];
}

interface ReaderBase<Plan> {
  /** The reader's id, its file name: "figures", "sources", "long", "wide", "world-bank",
   *  "world-bank-countries". */
  readonly type: string;
  /** The reader's dialect defaults; the input's dialect is merged over them (mergeDialect). */
  readonly dialect: DialectOptions;
  /** The dialect options this layout reads; declaring another is a definition problem (the
   *  figures layout reads values as printed, so `decimal` or `missing` would change nothing).
   *  Omitted: all of them. */
  readonly dialectKeys?: readonly (keyof Dialect)[];
  /** The sources its figures cite: "rows" (each row names one by id, from the sources
   *  input), one source for the whole file (by id, or declared inline), or null (none). */
  readonly cites: "rows" | SourceOption | null;
  readonly spec: ReaderSpec;
  /** Problems of the options and of what they refer to, each in words naming the option. */
  problems(ctx: DefinitionContext): string[];
  /** Sees the header and the records before it; returns a plan (plain data) or why the file
   *  is not in this layout. */
  header(header: TableRecord, preamble: readonly TableRecord[], dialect: Dialect): HeaderResult<Plan>;
}

/** A table layout (long, wide, World Bank): every value cell of a record is a figure. */
export interface TableReader<Plan = unknown> extends ReaderBase<Plan> {
  readonly role: "figures";
  readonly layout: "table";
  read(cells: readonly string[], at: { readonly line: number }, plan: Plan): RecordRead;
}

/** What a row layout's schema is built with: the pipeline's catalogue, units and entities. */
export interface SchemaContext {
  readonly indicators: Readonly<Record<string, IndicatorDefinition>>;
  readonly units: UnitRegistry;
  readonly entities: EntityRegistry;
}

/** Where a row layout's declared columns are in the file's header. */
export interface RowsPlan {
  /** The header as written. */
  readonly header: readonly string[];
  /** The declared columns, and where each is in the header. */
  readonly columns: readonly string[];
  readonly columnIndex: readonly number[];
}

/**
 * A row layout (figures, sources): one row is one record of declared columns, checked by a zod
 * schema (stages/validate/batch.ts), in a worker thread when the file is large and the schema
 * can be built there again from the reader's spec.
 */
export interface RowsReader extends ReaderBase<RowsPlan> {
  readonly role: "figures" | "sources";
  readonly layout: "rows";
  /** The header's columns, each exactly once. */
  readonly columns: readonly string[];
  /** Whether a worker thread can build the schema from the spec (not a zod schema of one's own). */
  readonly portable: boolean;
  schema(ctx: SchemaContext): z.ZodObject;
}

/** One record of an entities file, as read. */
export interface EntityRow {
  readonly code: string;
  readonly name: string;
  readonly kind: "country" | "aggregate";
  readonly region: string | null;
  readonly incomeGroup: string | null;
  readonly notes: string | null;
  readonly line: number;
}

export interface EntitiesRead {
  readonly entities: EntityRow[];
  /** Records that cannot be read as an entity (their `cells` are empty: no values in them). */
  readonly rejects: CellReject[];
  readonly blank: boolean;
}

export interface EntitiesReader<Plan = unknown> extends ReaderBase<Plan> {
  readonly role: "entities";
  readonly layout: "entities";
  read(cells: readonly string[], at: { readonly line: number }, plan: Plan): EntitiesRead;
  /** After the last record: the entities with their groups (each with the line of the file that
   *  defines it), and problems of the file as a whole. */
  finish(rows: readonly EntityRow[]): { entities: Entity[]; problems: LayoutProblem[] };
}

export type Reader = RowsReader | TableReader | EntitiesReader;

/** The issue of a layout problem or a reject, located in `file` (rejects at the record's line). */
export function readerIssue(pipeline: string, file: string, p: LayoutProblem | CellReject, line: number | null = "line" in p ? p.line : null, row: string | null = null): Issue {
  return makeIssue({ code: p.code, pipeline, file, line, field: p.column, value: p.value, rule: p.rule, row });
}
