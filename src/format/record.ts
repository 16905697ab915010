/**
 * An observation as one sortable line, for spilling to disk between passes. The fields that
 * make the published primary key come first, then the place it was read from (line, file,
 * column), so sorting the lines sorts observations as they are published (code-unit order,
 * country first). Everything a later pass needs travels with it: the value (a double and its
 * exact digits), the precision printed, the quote, the entity's name as published, and the
 * record as written (a figure rejected later is listed in rejects.csv as read).
 */
import type { EntityRegistry } from "../figures/entities.js";
import type { Unit } from "../figures/units.js";
import type { Observation, ValidRow } from "../contracts/rows.js";
import type { PipelineDefinition } from "../contracts/definition.js";
import { csvCells, csvLine } from "./csv.js";
import { SOURCE_ID_SEPARATOR } from "./fields.js";
import { jsonObject } from "./json.js";
import { SEP, decodeRecord, encodeRecord, nthIndex, unescapeField } from "../stream/record-codec.js";

export interface ObsRecord {
  country: string;
  indicator: string;
  period: string;
  method: "reported" | "derived";
  /** Source ids joined by SOURCE_ID_SEPARATOR. */
  sourceIds: string;
  /** Physical line in `file`; 0 for derived rows. */
  line: number;
  file: string;
  /** A table cell's column header; "" for a row of the figures layout and for derived rows. */
  column: string;
  value: number;
  /** The value as exact decimal digits (reported rows, see figures/value.ts); "" for derived rows. */
  decimal: string;
  /** Value of the last printed digit; 0 for derived rows. */
  resolution: number;
  printed: string;
  unit: string;
  quote: string;
  raw: string;
  /** Derived rows: the observations used, joined by SOURCE_ID_SEPARATOR. */
  derivedFrom: string;
  formula: string;
  /** The entity's name as published (country_name): the pipeline's, the source row's, or the
   *  registry's (EntityRegistry.nameOf), decided where the figure is read. */
  countryName: string;
  /** The row as the CSV and JSON targets write it (made once, where the row is read). */
  csv: string;
  json: string;
}

/** Names for codes: what turns a record into a published observation. */
export interface Names {
  /** The name to publish for an entity: `sourceName` is the source row's own name for it. */
  country(code: string, sourceName?: string | null): string;
  indicator(code: string): string;
}

export function namesOf(pipeline: Pick<PipelineDefinition, "indicators">, entities: EntityRegistry): Names {
  // Rows of the figures layout give no name of their own: one lookup per code.
  const byCode = new Map<string, string>();
  return {
    country(code, sourceName = null) {
      if (sourceName !== null && sourceName !== "") return entities.nameOf(code, sourceName);
      let name = byCode.get(code);
      if (name === undefined) byCode.set(code, (name = entities.nameOf(code)));
      return name;
    },
    indicator: (code) => pipeline.indicators[code]?.name ?? code,
  };
}

const LINE_DIGITS = 10;

export function encodeObs(r: ObsRecord): string {
  return encodeRecord([
    r.country,
    r.indicator,
    r.period,
    r.method,
    r.sourceIds,
    String(r.line).padStart(LINE_DIGITS, "0"),
    r.file,
    r.column,
    String(r.value),
    r.decimal,
    String(r.resolution),
    r.printed,
    r.unit,
    r.quote,
    r.raw,
    r.derivedFrom,
    r.formula,
    r.countryName,
    r.csv,
    r.json,
  ]);
}

/*
 * Reading an encoded record's fields in place, for the sorted pass, which sees every row and
 * decodes only the few a check or a derivation needs. They follow the field order above:
 * country 0, indicator 1, period 2, method 3, source ids 4, line 5, file 6, column 7, …, csv and
 * json last.
 * A prefix is compared still encoded: equal fields encode equally.
 */

/** The country of an encoded record (encoded): rows of one country are neighbours. */
export function recordCountry(line: string): string {
  return line.slice(0, line.indexOf(SEP));
}

/** Country, indicator and period (encoded): the rows a key check sees together. */
export function recordGroup(line: string): string {
  return line.slice(0, nthIndex(line, 3));
}

/** The source ids of an encoded record (encoded; joined by SOURCE_ID_SEPARATOR). */
export function recordSources(line: string): string {
  const at = nthIndex(line, 4);
  return line.slice(at + 1, line.indexOf(SEP, at + 1));
}

/** The published primary key, country … source ids (encoded). */
export function recordKey(line: string): string {
  return line.slice(0, nthIndex(line, 5));
}

export function recordIndicator(line: string): string {
  const at = line.indexOf(SEP);
  return unescapeField(line.slice(at + 1, line.indexOf(SEP, at + 1)));
}

/** The file, line and column the record was read from (column null: a row of the figures layout). */
export function recordPlace(line: string): { file: string; line: number; column: string | null } {
  const lineAt = nthIndex(line, 5);
  const fileAt = line.indexOf(SEP, lineAt + 1);
  const columnAt = line.indexOf(SEP, fileAt + 1);
  const column = unescapeField(line.slice(columnAt + 1, line.indexOf(SEP, columnAt + 1)));
  return { file: unescapeField(line.slice(fileAt + 1, columnAt)), line: Number(line.slice(lineAt + 1, fileAt)), column: column === "" ? null : column };
}

/** The row's CSV and JSON text, as the targets write it. */
export function recordText(line: string): { csv: string; json: string } {
  const jsonAt = line.lastIndexOf(SEP);
  const csvAt = line.lastIndexOf(SEP, jsonAt - 1);
  return { csv: unescapeField(line.slice(csvAt + 1, jsonAt)), json: unescapeField(line.slice(jsonAt + 1)) };
}

export function decodeObs(line: string): ObsRecord {
  const f = decodeRecord(line);
  return {
    country: f[0]!,
    indicator: f[1]!,
    period: f[2]!,
    method: f[3] as ObsRecord["method"],
    sourceIds: f[4]!,
    line: Number(f[5]),
    file: f[6]!,
    column: f[7]!,
    value: Number(f[8]),
    decimal: f[9]!,
    resolution: Number(f[10]),
    printed: f[11]!,
    unit: f[12]!,
    quote: f[13]!,
    raw: f[14]!,
    derivedFrom: f[15]!,
    formula: f[16]!,
    countryName: f[17]!,
    csv: f[18]!,
    json: f[19]!,
  };
}

/** A reported record from a figures row that passed its schema, with its published text unless
 *  `text` is false (the text is then empty). `unit`: the unit it is published in (the base unit
 *  of a scaled unit cell; the row's value is then already in it). */
export function reportedRecord(row: ValidRow, names: Names, text = true, unit = row.cells.unit ?? ""): ObsRecord {
  const c = row.cells;
  const country = c.country ?? "";
  const r: ObsRecord = {
    country,
    indicator: c.indicator ?? "",
    period: c.period ?? "",
    method: "reported",
    sourceIds: c.source_id ?? "",
    line: row.line,
    file: row.file,
    column: "",
    value: row.value ?? Number.NaN,
    decimal: row.decimal ?? "",
    resolution: row.resolution ?? 0,
    printed: c.value ?? "",
    unit,
    quote: c.quote ?? "",
    raw: row.raw,
    derivedFrom: "",
    formula: "",
    countryName: names.country(country),
    csv: "",
    json: "",
  };
  return text ? withText(r, names) : r;
}

/** The record with its CSV and JSON text made. */
export function withText(r: ObsRecord, names: Names): ObsRecord {
  return withTextOf(r, toObservation(r, names));
}

/** The record with the CSV and JSON text of `o`, the observation it stands for. */
function withTextOf(r: ObsRecord, o: Observation): ObsRecord {
  r.csv = csvLine(csvCells(o));
  r.json = jsonObject(o);
  return r;
}

/** The row a reported record came from, for the group checks and the rejects. */
export function recordRow(r: ObsRecord, input: string): ValidRow {
  return {
    input,
    file: r.file,
    line: r.line,
    column: r.column === "" ? null : r.column,
    raw: r.raw,
    value: r.value,
    ...(r.decimal === "" ? {} : { decimal: r.decimal }),
    resolution: r.resolution,
    cells: { country: r.country, indicator: r.indicator, period: r.period, value: r.printed, unit: r.unit, source_id: r.sourceIds, quote: r.quote },
  };
}

/** The published observation: names looked up, ids split. */
export function toObservation(r: ObsRecord, names: Names): Observation {
  return {
    country: r.country,
    countryName: r.countryName,
    indicator: r.indicator,
    indicatorName: names.indicator(r.indicator),
    period: r.period,
    value: r.value,
    ...(r.decimal === "" ? {} : { decimal: r.decimal }),
    unit: r.unit as Unit,
    method: r.method,
    valueAsPrinted: r.printed,
    sourceIds: r.sourceIds === "" ? [] : r.sourceIds.split(SOURCE_ID_SEPARATOR),
    formula: r.formula,
    derivedFrom: r.derivedFrom === "" ? [] : r.derivedFrom.split(SOURCE_ID_SEPARATOR),
    quote: r.quote,
    file: r.method === "reported" ? r.file : null,
    line: r.method === "reported" ? r.line : null,
    column: r.method === "reported" && r.column !== "" ? r.column : null,
  };
}

/** The record of an observation (derived rows computed in memory; their names are in `o`). */
export function fromObservation(o: Observation): ObsRecord {
  const r: ObsRecord = {
    country: o.country,
    indicator: o.indicator,
    period: o.period,
    method: o.method,
    sourceIds: o.sourceIds.join(SOURCE_ID_SEPARATOR),
    line: o.line ?? 0,
    file: o.file ?? "",
    column: o.column ?? "",
    value: o.value,
    decimal: o.decimal ?? "",
    resolution: 0,
    printed: o.valueAsPrinted,
    unit: o.unit,
    quote: o.quote,
    raw: "",
    derivedFrom: o.derivedFrom.join(SOURCE_ID_SEPARATOR),
    formula: o.formula,
    countryName: o.countryName,
    csv: "",
    json: "",
  };
  return withTextOf(r, o);
}
