/**
 * Long (tidy) tables: one value per row, such as datahub's `Country Name,Country Code,Year,Value`.
 * A column mapping says which column gives the entity, the period and the value, and
 * optionally the indicator and the unit; where a column is absent, the options give a constant.
 *
 * Decision: a source indicator code that the input does not map is rejected with its row,
 * never skipped. A long file holding many indicators therefore rejects the rows of those the
 * pipeline does not publish; filter the file at its source, or allow the rejects
 * (maxRejected). An ignore list would make values vanish from the accounting.
 */
import { PERIOD_RULE, parsePeriod } from "../../../figures/period.js";
import { parseTableNumber, type NumberFormat } from "../../../figures/table-number.js";
import { numberFormat } from "../dialect.js";
import { cellsIn, countReject, isBlank, isMissing, missingIn, resolveColumns, unnamedReject, type ColumnLayout } from "./columns.js";
import { idColumns, idPlan, readIds, type IdPlan } from "./ids.js";
import {
  duplicateColumnProblems,
  entityProblems,
  indicatorProblems,
  numbersProblems,
  sourceProblems,
  stringListProblems,
  unitProblems,
  unknownKeys,
  type EntityColumns,
  type IndicatorOption,
} from "./options.js";
import { sourceFacts, sourceId, type SourceOption, type CellReject, type DefinitionContext, type TableReader, type RecordRead } from "../../../contracts/reader.js";

export interface LongOptions {
  readonly entity: EntityColumns;
  /** The column of the period: "2018", "2018-12" or "2018-12-31". */
  readonly period: string;
  /** The column of the value. */
  readonly value: string;
  readonly indicator: IndicatorOption;
  /** A unit for every value, or the column that gives it (default: the indicator's unit). */
  readonly unit?: string | { readonly column: string };
  readonly source: SourceOption;
  /** Columns that hold nothing to publish (flags, notes). */
  readonly ignore?: readonly string[];
  readonly numbers?: { readonly si?: boolean };
}

export interface LongPlan {
  readonly layout: ColumnLayout;
  readonly ids: IdPlan;
  readonly period: { readonly at: number; readonly column: string };
  readonly value: { readonly at: number; readonly column: string };
  readonly unit: { readonly constant: string | null } | { readonly at: number; readonly column: string };
  readonly sourceIds: readonly string[];
  readonly missing: readonly string[];
  readonly numbers: NumberFormat;
}

const OPTION_KEYS = ["entity", "period", "value", "indicator", "unit", "source", "ignore", "numbers"];

function unitColumn(o: LongOptions): string | undefined {
  return typeof o.unit === "object" && o.unit !== null ? o.unit.column : undefined;
}

export function longProblems(o: LongOptions, ctx: DefinitionContext, path = "reader"): string[] {
  if (typeof o !== "object" || o === null) return [`${path}: expected the long reader's options`];
  const problems = [
    ...unknownKeys(o, OPTION_KEYS, path),
    ...entityProblems(o.entity, `${path}.entity`),
    ...indicatorProblems(o.indicator, ctx, `${path}.indicator`),
    ...sourceProblems(o.source, `${path}.source`),
    ...stringListProblems(o.ignore, `${path}.ignore`),
    ...numbersProblems(o.numbers, `${path}.numbers`),
  ];
  for (const k of ["period", "value"] as const) if (typeof o[k] !== "string" || o[k].trim() === "") problems.push(`${path}.${k}: expected a column name, got ${JSON.stringify(o[k])}`);
  if (typeof o.unit === "object" && o.unit !== null) {
    if (typeof o.unit.column !== "string" || o.unit.column === "") problems.push(`${path}.unit.column: expected a column name, got ${JSON.stringify(o.unit.column)}`);
  } else problems.push(...unitProblems(o.unit, ctx, `${path}.unit`));
  if (problems.length > 0) return problems;
  return duplicateColumnProblems([...idColumns(o.entity, o.indicator), o.period, o.value, unitColumn(o), ...(o.ignore ?? [])], path);
}

export function long(options: LongOptions): TableReader<LongPlan> {
  return {
    type: "long",
    role: "figures",
    layout: "table",
    cites: options.source,
    dialect: {},
    spec: { factory: "long", options },
    problems: (ctx) => longProblems(options, ctx),
    header(header, _preamble, dialect) {
      const unitCol = unitColumn(options);
      const required = [...idColumns(options.entity, options.indicator), options.period, options.value, ...(unitCol === undefined ? [] : [unitCol])];
      const resolved = resolveColumns(header, { required, ignore: options.ignore ?? [], isValue: (h) => h === options.value, others: "problem" }, dialect);
      if (!resolved.ok) return resolved;
      const layout = resolved.layout;
      const at = (column: string) => ({ at: layout.index[column]!, column });
      const plan: LongPlan = {
        layout,
        ids: idPlan(options.entity, options.indicator, layout),
        period: at(options.period),
        value: at(options.value),
        unit: unitCol === undefined ? { constant: typeof options.unit === "string" ? options.unit : null } : at(unitCol),
        sourceIds: [sourceId(options.source)],
        missing: dialect.missing,
        numbers: numberFormat(dialect, options.numbers?.si ?? false),
      };
      return { ok: true, plan, source: sourceFacts(options.source), notes: [] };
    },
    read: readLong,
  };
}

const BLANK: RecordRead = { figures: [], rejects: [], missing: 0, cellsIn: 0, blank: true };

export function readLong(cells: readonly string[], at: { readonly line: number }, plan: LongPlan): RecordRead {
  if (isBlank(cells)) return BLANK;
  const { layout } = plan;
  const covered = cellsIn(cells, layout, plan.missing);
  const missing = missingIn(cells, layout, plan.missing);
  const whole = (reject: CellReject): RecordRead => ({ figures: [], rejects: [reject], missing, cellsIn: covered.length, blank: false });
  const shape = countReject(cells, layout, covered);
  if (shape) return whole(shape);
  const ids = readIds(cells, plan.ids, covered);
  if (!ids.ok) return whole(ids.reject);
  const extra = unnamedReject(cells, layout, covered);
  if (extra) return whole(extra);
  const period = cells[plan.period.at]!;
  const column = plan.period.column;
  if (period.trim() === "") return whole({ code: "VALIDATE_REQUIRED", rule: `${JSON.stringify(column)} is required`, scope: "record", column, value: period, cells: covered });
  if (parsePeriod(period) === null) return whole({ code: "VALIDATE_INVALID_FORMAT", rule: PERIOD_RULE, scope: "record", column, value: period, cells: covered });
  let unit: string | null;
  if ("at" in plan.unit) {
    unit = cells[plan.unit.at]!;
    if (unit.trim() === "")
      return whole({ code: "VALIDATE_REQUIRED", rule: `${JSON.stringify(plan.unit.column)} is required`, scope: "record", column: plan.unit.column, value: unit, cells: covered });
  } else unit = plan.unit.constant;
  const printed = cells[plan.value.at]!;
  if (isMissing(printed, plan.missing)) return { figures: [], rejects: [], missing, cellsIn: 0, blank: false };
  const n = parseTableNumber(printed, plan.numbers);
  const valueColumn = plan.value.column;
  if (!n.ok)
    return whole({
      code: n.problem === "range" ? "VALIDATE_BEYOND_DOUBLE" : "VALIDATE_INVALID_TYPE",
      rule: n.reason,
      scope: "cell",
      column: valueColumn,
      value: printed,
      cells: covered,
      meaning: { entity: ids.entity, indicator: ids.indicator, period },
    });
  const figure = {
    entity: ids.entity,
    entityBy: ids.entityBy,
    entityName: ids.entityName,
    indicator: ids.indicator,
    period,
    printed,
    value: n.value,
    decimal: n.decimal,
    resolution: n.resolution,
    unit,
    sourceIds: plan.sourceIds,
    quote: "",
    line: at.line,
    column: valueColumn,
    cell: plan.value.at,
  };
  return { figures: [figure], rejects: [], missing, cellsIn: covered.length, blank: false };
}
