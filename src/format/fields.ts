/**
 * The published columns of an observation, in order. One table drives the CSV header, the JSON
 * keys and the Table Schema in datapackage.json, so the three cannot drift apart.
 */
import type { Observation } from "../contracts/rows.js";
import { formatNumber } from "./number.js";

export interface FieldSpec {
  readonly name: string;
  readonly type: "string" | "number" | "integer";
  readonly description: string;
  readonly required: boolean;
  readonly enum?: readonly string[];
  /** The cell as text, for CSV. */
  readonly text: (o: Observation) => string;
  /** The value as JSON. */
  readonly json: (o: Observation) => string | number | string[] | null;
  /** The value as a JSON token, written as is, when JSON.stringify(json(o)) would not do: a
   *  number's exact decimal digits (a JSON number may have any number of digits; a double
   *  holds about 16). */
  readonly jsonToken?: (o: Observation) => string;
}

export const SOURCE_ID_SEPARATOR = ";";

export const OBSERVATION_FIELDS: readonly FieldSpec[] = [
  {
    name: "country",
    type: "string",
    required: true,
    description: "Entity code: an ISO 3166-1 alpha-3 country code, or a code the pipeline declares or reads from its entities file (a region, an aggregate such as WLD).",
    text: (o) => o.country,
    json: (o) => o.country,
  },
  {
    name: "country_name",
    type: "string",
    required: true,
    description: "Entity name: the pipeline's own name for it, else the name the source's row gives, else the pipeline's entities (English, ISO 3166-1 for countries).",
    text: (o) => o.countryName,
    json: (o) => o.countryName,
  },
  { name: "indicator", type: "string", required: true, description: "Indicator code; see the indicator list in the pipeline README.", text: (o) => o.indicator, json: (o) => o.indicator },
  { name: "indicator_name", type: "string", required: true, description: "Indicator name.", text: (o) => o.indicatorName, json: (o) => o.indicatorName },
  { name: "period", type: "string", required: true, description: "Period the value refers to: YYYY, YYYY-MM or YYYY-MM-DD.", text: (o) => o.period, json: (o) => o.period },
  {
    name: "value",
    type: "number",
    required: true,
    description: "The value in base units (persons, not millions; percent stays percent). Plain decimal, no thousands separators, no exponent.",
    text: (o) => o.decimal ?? formatNumber(o.value),
    json: (o) => o.value,
    jsonToken: (o) => o.decimal ?? JSON.stringify(o.value),
  },
  { name: "unit", type: "string", required: true, description: "What the value counts: persons, subscriptions, USD, percent, USD per person.", text: (o) => o.unit, json: (o) => o.unit },
  {
    name: "method",
    type: "string",
    required: true,
    enum: ["reported", "derived"],
    description: "reported: a figure as published by its source; derived: computed by this pipeline from other observations.",
    text: (o) => o.method,
    json: (o) => o.method,
  },
  {
    name: "value_as_printed",
    type: "string",
    required: false,
    description: "The value exactly as printed in the source (reported rows only).",
    text: (o) => o.valueAsPrinted,
    json: (o) => o.valueAsPrinted,
  },
  {
    name: "source_ids",
    type: "string",
    required: true,
    description: 'Source ids (see sources in datapackage.json), separated by ";". A derived row cites every source of its inputs.',
    text: (o) => o.sourceIds.join(SOURCE_ID_SEPARATOR),
    json: (o) => o.sourceIds,
  },
  {
    name: "formula",
    type: "string",
    required: false,
    description: "For derived rows: the formula over indicator codes; for a group's aggregate, sum(indicator) or weighted_mean(indicator, weight) over its member countries.",
    text: (o) => o.formula,
    json: (o) => o.formula,
  },
  {
    name: "derived_from",
    type: "string",
    required: false,
    description: 'For derived rows: the observations used (for a group\'s aggregate, every member observation), as "indicator country period", separated by ";".',
    text: (o) => o.derivedFrom.join(SOURCE_ID_SEPARATOR),
    json: (o) => o.derivedFrom,
  },
  {
    name: "quote",
    type: "string",
    required: false,
    description: "For reported rows of the figures layout: the sentence the figure was taken from (a table cell's provenance is its place: source_file, source_line, source_column).",
    text: (o) => o.quote,
    json: (o) => o.quote,
  },
  // Where a reported figure was read. Appended, so that every earlier column keeps its place.
  {
    name: "source_file",
    type: "string",
    required: false,
    description: "For reported rows: the input file the figure was read from, as received (derived rows: empty).",
    text: (o) => o.file ?? "",
    json: (o) => o.file ?? "",
  },
  {
    name: "source_line",
    type: "integer",
    required: false,
    description: "For reported rows: the physical line of source_file where the figure's row starts (derived rows: empty; null in JSON).",
    text: (o) => (o.line === null ? "" : String(o.line)),
    json: (o) => o.line,
  },
  {
    name: "source_column",
    type: "string",
    required: false,
    description: 'For figures read from a table: the header of the value\'s column, such as "2018" (empty for a row of the figures layout, where the row is the figure, and for derived rows).',
    text: (o) => o.column ?? "",
    json: (o) => o.column ?? "",
  },
];
