/**
 * The id cells of a table record (entity, indicator), read strictly, for the long and wide
 * readers alike. An id cell at fault rejects the whole record: every value in it would
 * belong to the wrong entity or indicator. A code cell that does not look like a code is the
 * cheapest sign of a misaligned row (a name split at an unquoted delimiter pushes the code
 * one column right), so presets give patterns for their codes.
 */
import { idReject, regex, type ColumnLayout } from "./columns.js";
import type { EntityColumns, IndicatorOption } from "./options.js";
import type { CellReject } from "../../../contracts/reader.js";

export interface IdPlan {
  readonly entityCode: { readonly at: number; readonly column: string; readonly pattern: string | null } | null;
  readonly entityName: { readonly at: number; readonly column: string } | null;
  readonly indicator:
    | { readonly kind: "constant"; readonly code: string }
    | { readonly kind: "column"; readonly at: number; readonly column: string; readonly codes: Readonly<Record<string, string>> | null; readonly pattern: string | null };
}

/** Columns the id options name, for the header check. */
export function idColumns(entity: EntityColumns, indicator: IndicatorOption): string[] {
  const cols = [entity.code, entity.name, typeof indicator === "string" ? undefined : indicator.column];
  return cols.filter((c): c is string => c !== undefined);
}

/** Only called once the header has every id column (resolveColumns). */
export function idPlan(entity: EntityColumns, indicator: IndicatorOption, layout: ColumnLayout): IdPlan {
  const at = (column: string) => layout.index[column]!;
  return {
    entityCode: entity.code === undefined ? null : { at: at(entity.code), column: entity.code, pattern: entity.codePattern ?? null },
    entityName: entity.name === undefined ? null : { at: at(entity.name), column: entity.name },
    indicator:
      typeof indicator === "string"
        ? { kind: "constant", code: indicator }
        : { kind: "column", at: at(indicator.column), column: indicator.column, codes: indicator.codes ?? null, pattern: indicator.pattern ?? null },
  };
}

export type Ids = { ok: true; entity: string; entityBy: "code" | "name"; entityName: string | null; indicator: string } | { ok: false; reject: CellReject };

const MAX_LISTED = 5;

export function readIds(cells: readonly string[], plan: IdPlan, covered: readonly number[]): Ids {
  const code = plan.entityCode;
  if (code) {
    const bad = idReject(cells, code.at, code.column, regex(code.pattern), covered);
    if (bad) return { ok: false, reject: bad };
  }
  const name = plan.entityName;
  if (name && !code) {
    const bad = idReject(cells, name.at, name.column, null, covered);
    if (bad) return { ok: false, reject: bad };
  }
  const ind = plan.indicator;
  let indicator: string;
  if (ind.kind === "constant") indicator = ind.code;
  else {
    const bad = idReject(cells, ind.at, ind.column, regex(ind.pattern), covered);
    if (bad) return { ok: false, reject: bad };
    const cell = cells[ind.at]!;
    if (ind.codes === null) indicator = cell;
    else if (Object.hasOwn(ind.codes, cell)) indicator = ind.codes[cell]!;
    else return { ok: false, reject: unmapped(ind.column, cell, ind.codes, covered) };
  }
  const entityName = name ? cells[name.at]! : null;
  if (code) return { ok: true, entity: cells[code.at]!, entityBy: "code", entityName: entityName === "" ? null : entityName, indicator };
  return { ok: true, entity: entityName!, entityBy: "name", entityName, indicator };
}

function unmapped(column: string, cell: string, codes: Readonly<Record<string, string>>, covered: readonly number[]): CellReject {
  const mapped = Object.entries(codes);
  const listed = mapped.slice(0, MAX_LISTED).map(([from, to]) => `${from} → ${to}`);
  if (mapped.length > MAX_LISTED) listed.push(`${mapped.length - MAX_LISTED} more`);
  return {
    code: "VALIDATE_UNKNOWN_INDICATOR_CODE",
    rule: `the source's indicator code is not mapped to an indicator of this pipeline (the input maps ${listed.join(", ")}), so the row's values are not read`,
    scope: "record",
    column,
    value: cell,
    cells: covered,
  };
}
