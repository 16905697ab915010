/**
 * The row layouts: one record is one row of declared columns, checked by a zod schema. Two of
 * them: `readers.figures()` (today's figures.csv: one published figure per row, as printed,
 * with the sentence it came from) and `readers.sources()` (sources.csv: one source per row).
 *
 * The header must name exactly the declared columns, each once (header.ts), in any order. The
 * figures schema is built for the pipeline when the run starts: it checks a row's country
 * against the pipeline's entities and its unit against the pipeline's units, which only the
 * pipeline knows (and, for entities taken from a file, only once that file is read).
 */
import { z } from "zod";
import { FIGURE_COLUMNS, SOURCE_COLUMNS } from "../../../contracts/rows.js";
import { figureRowSchema, sourceRowSchema } from "./schemas.js";
import { FILE_DIALECT_KEYS } from "../dialect.js";
import { checkHeader } from "../header.js";
import type { LayoutProblem, RowsPlan, RowsReader, SchemaContext } from "../../../contracts/reader.js";

export interface FiguresOptions {
  /** A zod object schema of one's own over the raw cells, such as one made from
   *  figureRowSchema(); its keys are the header's columns. Default: figureRowSchema() built
   *  with the pipeline's indicators, units and entities. An own schema is used as given and
   *  checks rows in the main thread only. */
  readonly schema?: z.ZodObject;
}

/** A row layout reads how the file is written, not how values are: a figure's value is read as
 *  printed ("45.7 million"), sources hold text. */
const ROW_DIALECT = FILE_DIALECT_KEYS;

function header(columns: readonly string[]): RowsReader["header"] {
  return (record) => {
    const problems = checkHeader(record.cells, columns).map((p): LayoutProblem => ({ code: p.code, line: record.line, column: p.column || null, value: null, rule: p.rule }));
    if (problems.length > 0) return { ok: false, problems };
    const plan: RowsPlan = { header: [...record.cells], columns, columnIndex: columns.map((c) => record.cells.indexOf(c)) };
    return { ok: true, plan, source: null, notes: [] };
  };
}

export function figures(options: FiguresOptions = {}): RowsReader {
  const own = options.schema;
  const columns = own instanceof z.ZodObject ? Object.keys(own.shape) : [...FIGURE_COLUMNS];
  return {
    type: "figures",
    role: "figures",
    layout: "rows",
    dialect: {},
    dialectKeys: ROW_DIALECT,
    cites: "rows",
    // An own schema is not data: the spec names its columns (the fingerprint sees them change).
    spec: { factory: "figures", options: own === undefined ? {} : { columns } },
    columns,
    portable: own === undefined,
    problems() {
      const problems =
        typeof options !== "object" || options === null
          ? ["reader: expected { schema? }"]
          : Object.keys(options)
              .filter((k) => k !== "schema")
              .map((k) => `reader.${k}: unknown option (known: schema)`);
      if (own !== undefined && !(own instanceof z.ZodObject)) problems.push("reader.schema: expected a zod object schema, such as one made by figureRowSchema()");
      return problems;
    },
    header: header(columns),
    schema: (ctx: SchemaContext) => own ?? figureRowSchema(ctx.indicators, { units: ctx.units, entities: ctx.entities }),
  };
}

export function sources(): RowsReader {
  return {
    type: "sources",
    role: "sources",
    layout: "rows",
    dialect: {},
    dialectKeys: ROW_DIALECT,
    cites: null,
    spec: { factory: "sources", options: {} },
    columns: [...SOURCE_COLUMNS],
    portable: true,
    problems: () => [],
    header: header(SOURCE_COLUMNS),
    schema: () => sourceRowSchema(),
  };
}
