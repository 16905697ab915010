/** Human-readable text for a RunResult: a stage table, the inputs' accounting, the issues. */
import { relative } from "node:path";
import { ISSUE_CODES } from "../contracts/codes.js";
import type { Issue } from "../contracts/issue.js";
import type { RunResult } from "../contracts/result.js";
import type { ObservationKey } from "../contracts/changes.js";
import { duration, seconds } from "./duration.js";

/** Issues shown per code in the terminal; the full list is in the JSON result and reports. */
const SHOWN_PER_CODE = 5;

function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function formatIssues(issues: readonly Issue[], byCode: RunResult["summary"]["byCode"]): string[] {
  if (byCode.length === 0) return [];
  const lines = ["", `  ${pad("code", 28)}${pad("severity", 10)}${pad("count", 7, true)}`];
  for (const c of byCode) lines.push(`  ${pad(c.code, 28)}${pad(c.severity, 10)}${pad(c.count, 7, true)}`);
  for (const c of byCode) {
    const of = issues.filter((i) => i.code === c.code);
    lines.push("", `  ${c.code} (${c.severity}): ${ISSUE_CODES[c.code].title}`);
    const shown = of.slice(0, SHOWN_PER_CODE);
    for (const i of shown) {
      lines.push(`    ${i.message}`);
      if (i.row !== null) lines.push(`      row: ${i.row.length > 100 ? `${i.row.slice(0, 100)}…` : i.row}`);
    }
    // The run keeps only the first issues of a code; the count is exact.
    if (c.count > shown.length) lines.push(`    … and ${c.count - shown.length} more`);
  }
  return lines;
}

function describeKey(k: ObservationKey): string {
  return `${k.country} ${k.indicator} ${k.period} (${k.method}, ${k.source_ids})`;
}

function percentChange(rel: number | null): string {
  if (rel === null) return "from 0";
  const pct = rel * 100;
  return `${pct >= 0 ? "+" : ""}${Number(pct.toPrecision(3))}%`;
}

function formatChanges(c: NonNullable<RunResult["changes"]>): string[] {
  const { added, removed, changed, unchanged } = c.counts;
  if (c.previous === null) return [`  first release: ${added} observations`];
  const lines = [`  changes since ${c.previous}: ${added} added, ${removed} removed, ${changed} changed, ${unchanged} unchanged`];
  if (c.fields.added.length > 0) lines.push(`    columns added: ${c.fields.added.join(", ")}`);
  if (c.fields.removed.length > 0) lines.push(`    columns removed: ${c.fields.removed.join(", ")}`);
  for (const x of c.changed)
    lines.push(`    changed ${describeKey(x)}: ${x.old} → ${x.new} (${percentChange(x.relativeChange)})${x.fields.length > 1 || x.fields[0] !== "value" ? ` [${x.fields.join(", ")}]` : ""}`);
  for (const x of c.added) lines.push(`    added   ${describeKey(x)}: ${x.value}`);
  for (const x of c.removed) lines.push(`    removed ${describeKey(x)}: ${x.value}`);
  const shown = c.changed.length + c.added.length + c.removed.length;
  if (shown < added + removed + changed) lines.push(`    … ${added + removed + changed - shown} more in changes.json`);
  return lines;
}

/** What the run did to the catalogue site (src/site/after-run.ts): the files written, or why not. */
function formatSite(r: RunResult): string[] {
  if (r.site === null) return [];
  if (r.site.error !== null) return [`  ⚠ site not updated: ${r.site.error} ("openfigures site" rebuilds it)`];
  return r.site.written.length > 0 ? [`  site: wrote ${r.site.written.join(", ")} to ${shortPath(r.outDir)}`] : [];
}

/** Periods as ranges of consecutive years: "1990–1995, 2021"; other periods as they are. */
export function periodRanges(periods: readonly string[]): string {
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const close = () => {
    if (start !== null) out.push(start === prev ? start : `${start}–${prev}`);
  };
  for (const p of [...periods].sort()) {
    if (start !== null && /^\d{4}$/.test(p) && /^\d{4}$/.test(prev!) && Number(p) === Number(prev) + 1) {
      prev = p;
      continue;
    }
    close();
    start = p;
    prev = p;
  }
  close();
  return out.join(", ");
}

const SHOWN_GAP_GROUPS = 6;

/** Per aggregate, the group periods published and left out for coverage (validation.json has each). */
function formatAggregates(r: RunResult): string[] {
  if (r.aggregates.length === 0) return [];
  const lines = ["  aggregates (group periods published, and left out for coverage):"];
  for (const a of r.aggregates) {
    const rule = a.coverage === null ? "" : `, ${a.coverage}`;
    let text = `    ${a.formula}${rule}, ${a.groups.length} group${a.groups.length === 1 ? "" : "s"}: ${a.published} published`;
    if (a.leftOut > 0) {
      const byGroup = new Map<string, { periods: string[]; coverage: number }>();
      for (const g of a.gaps) {
        const seen = byGroup.get(g.group) ?? { periods: [], coverage: g.coverage };
        seen.periods.push(g.period);
        byGroup.set(g.group, seen);
      }
      // One gap: its coverage; several: their periods, which the summary in validation.json details.
      const shown = [...byGroup].slice(0, SHOWN_GAP_GROUPS).map(([group, g]) => `${group} ${periodRanges(g.periods)}${g.periods.length === 1 ? ` (${Number((g.coverage * 100).toFixed(1))}%)` : ""}`);
      const more = byGroup.size > SHOWN_GAP_GROUPS ? `; … ${byGroup.size - SHOWN_GAP_GROUPS} more groups` : "";
      text += `, ${a.leftOut} left out: ${shown.join("; ")}${more}`;
    }
    lines.push(text);
  }
  return lines;
}

/** A table's values (its non-empty cells), when they are not its rows. */
function valuesText(i: RunResult["inputs"][number]): string {
  const v = i.values;
  if (v.in === i.rowsIn && v.published === i.rowsPublished && v.rejected === i.rowsRejected && v.missing === 0) return "";
  return ` (values: ${v.in} in, ${v.published} published, ${v.rejected} rejected${v.missing > 0 ? `, ${v.missing} missing` : ""})`;
}

export function formatRun(r: RunResult): string {
  const lines = [`${r.pipeline}: ${r.title}`];
  for (const line of r.recovered) lines.push(`  recovered: ${line}`);
  if (r.status === "up-to-date") {
    lines.push(`  ✔ up to date: ${r.reasons.join("; ")} (${seconds(r.durationMs)}; --force rebuilds)`);
    lines.push(...formatSite(r));
    return lines.join("\n");
  }
  if (r.reasons.length > 0) lines.push(`  why: ${r.reasons.join("; ")}`);
  lines.push(`  ${pad("stage", 11)}${pad("rows in", 9, true)}${pad("out", 9, true)}${pad("errors", 8, true)}${pad("warnings", 10, true)}${pad("time", 10, true)}`);
  for (const s of r.stages) {
    const status = s.status === "ok" ? "" : `  ${s.status}`;
    lines.push(`  ${pad(s.stage, 11)}${pad(s.rowsIn, 9, true)}${pad(s.rowsOut, 9, true)}${pad(s.errors, 8, true)}${pad(s.warnings, 10, true)}${pad(duration(s.durationMs), 10, true)}${status}`);
  }
  const kept = r.mode === "validate" ? "valid" : "published";
  for (const i of r.inputs) lines.push(`  ${i.file}: ${i.rowsIn} rows in, ${i.rowsPublished} ${i.reader === "world-bank-countries" ? "used" : kept}, ${i.rowsRejected} rejected${valuesText(i)}`);
  if (r.observations.total > 0) {
    lines.push(`  observations: ${r.observations.reported} reported + ${r.observations.derived} derived = ${r.observations.total}`);
  }
  lines.push(...formatAggregates(r));
  if (r.outputs.length > 0) {
    const files = r.outputs.map((o) => (o.rows === null ? o.file : `${o.file} (${o.rows} rows)`)).join(", ");
    lines.push(`  wrote ${files} to ${shortPath(`${r.outDir}/${r.pipeline}`)}`);
  }
  lines.push(...formatSite(r));
  if (r.changes) lines.push(...formatChanges(r.changes));
  lines.push(...formatIssues(r.issues, r.summary.byCode));
  if (r.reports !== null && r.issues.length > 0) {
    lines.push("", `  full report: ${shortPath(`${r.reports}/validation.json`)}; rejected rows: ${shortPath(`${r.reports}/rejects.csv`)}`);
  }
  lines.push("");
  const took = seconds(r.durationMs);
  if (r.status === "succeeded") {
    const what = r.mode === "validate" ? "valid" : `published release ${r.releaseId}`;
    lines.push(`  ✔ ${what} in ${took} (${r.summary.errors} errors, ${r.summary.warnings} warnings)`);
  } else {
    lines.push(`  ✘ failed in ${took}: ${r.error}`);
  }
  return lines.join("\n");
}
