/**
 * Wide tables: one row per entity (and indicator), one column per period, such as Gapminder's
 * `country,1960,1961,…` or the World Bank bulk files. Every value cell is a figure, located by
 * its line and its column header.
 *
 * Every named column of the header must have a role: an id column, a period column, or
 * `ignore`. A column nobody declared could hold values that would silently go unpublished,
 * so it is a header problem ("2019 (est.)" is not a year: declare it or drop it).
 */
import { parseTableNumber, type NumberFormat } from "../../../figures/table-number.js";
import { parsePeriod } from "../../../figures/period.js";
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
import { sourceFacts, sourceId, type SourceOption, type CellReject, type DefinitionContext, type FigureCandidate, type TableReader, type RecordRead } from "../../../contracts/reader.js";

export interface WideOptions {
  readonly entity: EntityColumns;
  /** "years": every column whose header is a year (four digits). Or the period columns by
   *  header, each a period such as "2018" or "2018-12". */
  readonly periods: "years" | readonly string[];
  readonly indicator: IndicatorOption;
  /** The unit of every value (default: the indicator's). */
  readonly unit?: string;
  readonly source: SourceOption;
  /** Columns that hold nothing to publish, such as "Indicator Name" beside "Indicator Code". */
  readonly ignore?: readonly string[];
  /** `si: true` reads "12k", "1.2M", "1.65B" (Gapminder). */
  readonly numbers?: { readonly si?: boolean };
}

export interface WidePlan {
  readonly layout: ColumnLayout;
  readonly ids: IdPlan;
  /** Header text of each value column, parallel to layout.values: the period and the column. */
  readonly periods: readonly string[];
  readonly unit: string | null;
  readonly sourceIds: readonly string[];
  readonly missing: readonly string[];
  readonly numbers: NumberFormat;
}

const OPTION_KEYS = ["entity", "periods", "indicator", "unit", "source", "ignore", "numbers"];
const YEAR = /^\d{4}$/;

export function wideProblems(o: WideOptions, ctx: DefinitionContext, path = "reader"): string[] {
  if (typeof o !== "object" || o === null) return [`${path}: expected the wide reader's options`];
  const problems = [
    ...unknownKeys(o, OPTION_KEYS, path),
    ...entityProblems(o.entity, `${path}.entity`),
    ...indicatorProblems(o.indicator, ctx, `${path}.indicator`),
    ...sourceProblems(o.source, `${path}.source`),
    ...unitProblems(o.unit, ctx, `${path}.unit`),
    ...stringListProblems(o.ignore, `${path}.ignore`),
    ...numbersProblems(o.numbers, `${path}.numbers`),
  ];
  if (o.periods !== "years") {
    if (!Array.isArray(o.periods) || o.periods.length === 0) problems.push(`${path}.periods: expected "years" or a list of period columns, got ${JSON.stringify(o.periods)}`);
    else for (const p of o.periods) if (typeof p !== "string" || parsePeriod(p) === null) problems.push(`${path}.periods: ${JSON.stringify(p)} is not a period such as "2018" or "2018-12"`);
  }
  if (problems.length > 0) return problems;
  const periods = o.periods === "years" ? [] : o.periods;
  return duplicateColumnProblems([...idColumns(o.entity, o.indicator), ...(o.ignore ?? []), ...periods], path);
}

export function wide(options: WideOptions): TableReader<WidePlan> {
  return {
    type: "wide",
    role: "figures",
    layout: "table",
    cites: options.source,
    dialect: {},
    spec: { factory: "wide", options },
    problems: (ctx) => wideProblems(options, ctx),
    header(header, _preamble, dialect) {
      const listed = options.periods === "years" ? null : options.periods;
      const resolved = resolveColumns(
        header,
        {
          required: [...idColumns(options.entity, options.indicator), ...(listed ?? [])],
          ignore: options.ignore ?? [],
          isValue: listed === null ? (h) => YEAR.test(h) : (h) => listed.includes(h),
          others: "problem",
        },
        dialect,
      );
      if (!resolved.ok) return resolved;
      const layout = resolved.layout;
      if (layout.values.length === 0) {
        return {
          ok: false,
          problems: [{ code: "INGEST_LAYOUT_MISMATCH", line: header.line, column: null, value: null, rule: "no column of the header is a year (the input reads every year column as a period)" }],
        };
      }
      const plan: WidePlan = {
        layout,
        ids: idPlan(options.entity, options.indicator, layout),
        periods: layout.values.map((i) => header.cells[i]!),
        unit: options.unit ?? null,
        sourceIds: [sourceId(options.source)],
        missing: dialect.missing,
        numbers: numberFormat(dialect, options.numbers?.si ?? false),
      };
      return { ok: true, plan, source: sourceFacts(options.source), notes: [] };
    },
    read: readWide,
  };
}

const BLANK: RecordRead = { figures: [], rejects: [], missing: 0, cellsIn: 0, blank: true };

export function readWide(cells: readonly string[], at: { readonly line: number }, plan: WidePlan): RecordRead {
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
  const figures: FigureCandidate[] = [];
  const rejects: CellReject[] = [];
  layout.values.forEach((i, k) => {
    const printed = cells[i]!;
    if (isMissing(printed, plan.missing)) return;
    const column = plan.periods[k]!;
    const n = parseTableNumber(printed, plan.numbers);
    if (!n.ok) {
      rejects.push({
        code: n.problem === "range" ? "VALIDATE_BEYOND_DOUBLE" : "VALIDATE_INVALID_TYPE",
        rule: n.reason,
        scope: "cell",
        column,
        value: printed,
        cells: [i],
        meaning: { entity: ids.entity, indicator: ids.indicator, period: column },
      });
      return;
    }
    figures.push({
      entity: ids.entity,
      entityBy: ids.entityBy,
      entityName: ids.entityName,
      indicator: ids.indicator,
      period: column,
      printed,
      value: n.value,
      decimal: n.decimal,
      resolution: n.resolution,
      unit: plan.unit,
      sourceIds: plan.sourceIds,
      quote: "",
      line: at.line,
      column,
      cell: i,
    });
  });
  return { figures, rejects, missing, cellsIn: covered.length, blank: false };
}
