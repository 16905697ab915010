/**
 * A table's batch: each record through its reader (figure candidates, one per non-empty value
 * cell, and rejects of what it cannot place: a cell, or the whole record), each candidate through
 * its checks (candidate.ts) and the row-scope checks; the figures kept leave as sortable records.
 * A rejected cell is listed with what it meant (the entity as given, the indicator, the period,
 * the cell as written, the source), a record rejected whole with the cell that gave it away.
 */
import type { RawCells } from "../../contracts/rows.js";
import { SOURCE_ID_SEPARATOR } from "../../format/fields.js";
import { readerIssue, type CellReject, type FigureCandidate } from "../../contracts/reader.js";
import { recordRow, withText, type Names, type ObsRecord } from "../../format/record.js";
import { newResult, split, type BatchResult, type TableEnv } from "./batch.js";
import { checkCandidate } from "./candidate.js";

/** What a rejected table cell meant, in the figure columns of rejects.csv. */
function meant(entity: string, indicator: string, period: string, value: string, unit: string, sourceIds: string): RawCells {
  return { country: entity, indicator, period, value, unit, source_id: sourceIds, quote: "" };
}

function rejectCells(r: CellReject, cells: readonly string[], env: TableEnv): RawCells {
  const m = r.meaning;
  if (!m) return {};
  return meant(m.entity, m.indicator, m.period, r.cells.length === 1 ? (cells[r.cells[0]!] ?? "") : (r.value ?? ""), "", env.sourceIds);
}

/** A table candidate that passed its checks, as a sortable record. */
function candidateRecord(c: FigureCandidate, checked: Extract<ReturnType<typeof checkCandidate>, { ok: true }>, raw: string, env: TableEnv, names: Names): ObsRecord {
  const r: ObsRecord = {
    country: checked.country,
    indicator: c.indicator,
    period: c.period,
    method: "reported",
    sourceIds: c.sourceIds.join(SOURCE_ID_SEPARATOR),
    line: c.line,
    file: env.file,
    column: c.column,
    value: checked.value,
    decimal: checked.decimal,
    resolution: checked.resolution,
    printed: c.printed,
    unit: checked.unit,
    quote: c.quote,
    raw,
    derivedFrom: "",
    formula: "",
    countryName: names.country(checked.country, c.entityName),
    csv: "",
    json: "",
  };
  return env.text ? withText(r, names) : r;
}

/** A table batch: each record through the reader, each candidate through its checks; the
 *  figures kept go to `add` as sortable records. */
export function readTableBatch(lines: readonly number[], texts: readonly string[], env: TableEnv, names: Names, add: (record: ObsRecord) => void): BatchResult {
  const out = newResult();
  if (texts.length === 0) return out;
  const records = split(texts, env);
  for (let i = 0; i < records.length; i++) {
    const cells = records[i]!;
    const line = lines[i]!;
    const raw = texts[i]!;
    const read = env.reader.read(cells, { line }, env.plan);
    if (read.blank) {
      out.blank.push(line);
      continue;
    }
    out.valuesIn += read.cellsIn;
    out.missing += read.missing;
    for (const r of read.rejects) {
      out.issues.push(readerIssue(env.pipeline, env.file, r, line, raw));
      out.rejects.push({ line, column: r.column, values: r.cells.length, cells: rejectCells(r, cells, env), raw, stage: r.scope === "record" ? "ingest" : "validate" });
    }
    for (const c of read.figures) {
      const checked = checkCandidate(c, raw, env.candidates);
      const rejectedCells = () => meant(c.entity, c.indicator, c.period, c.printed, c.unit ?? "", env.sourceIds);
      if (!checked.ok) {
        out.issues.push(checked.issue);
        out.rejects.push({ line, column: c.column, values: 1, cells: rejectedCells(), raw, stage: "validate" });
        continue;
      }
      let rejected = false;
      if (checked.warning) {
        out.issues.push(checked.warning);
        if (env.strict) rejected = true;
      }
      const record = candidateRecord(c, checked, raw, env, names);
      for (const check of env.rowChecks) {
        const issues = check.checkRow?.(recordRow(record, env.input), env.ctx);
        if (!issues) continue;
        out.issues.push(...issues);
        if (env.strict || issues.some((x) => x.severity === "error")) rejected = true;
      }
      if (rejected) out.rejects.push({ line, column: c.column, values: 1, cells: rejectedCells(), raw, stage: "validate" });
      else {
        add(record);
        out.kept++;
      }
    }
  }
  return out;
}
