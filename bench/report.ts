/**
 * The benchmark's output: a table per case (median, min, max wall time, rows/s, peak RSS, CPU),
 * the targets marked met or missed, and the machine. The harness prints the table
 * and, last, one JSON line with the same figures for scripts and CI to read.
 */
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { median, type Measurement } from "./measure.js";

export interface CaseSummary {
  label: string;
  runs: number;
  failed: number;
  /** Rows the case processes, for rows/s; null when rows/s means nothing (re-run, npm start). */
  rows: number | null;
  medianS: number;
  minS: number;
  maxS: number;
  rowsPerS: number | null;
  /** Peak RSS: the largest over the runs, and the median. */
  maxRssMiB: number | null;
  medianRssMiB: number | null;
  medianCpuS: number | null;
  failures: string[];
}

export function summariseCase(label: string, runs: readonly Measurement[], rows: number | null): CaseSummary {
  const ok = runs.filter((r) => r.ok);
  const wall = ok.map((r) => r.wallS);
  const rss = ok.flatMap((r) => (r.rssMiB === null ? [] : [r.rssMiB]));
  const cpu = ok.flatMap((r) => (r.cpuS === null ? [] : [r.cpuS]));
  const medianS = median(wall);
  return {
    label,
    runs: runs.length,
    failed: runs.length - ok.length,
    rows,
    medianS,
    minS: wall.length ? Math.min(...wall) : Number.NaN,
    maxS: wall.length ? Math.max(...wall) : Number.NaN,
    rowsPerS: rows !== null && wall.length ? rows / medianS : null,
    maxRssMiB: rss.length ? Math.max(...rss) : null,
    medianRssMiB: rss.length ? median(rss) : null,
    medianCpuS: cpu.length ? median(cpu) : null,
    failures: runs.flatMap((r) => (r.failure ? [r.failure] : [])),
  };
}

const fmt = (n: number | null, digits = 2) => (n === null || Number.isNaN(n) ? "-" : n.toFixed(digits));
const int = (n: number | null) => (n === null || Number.isNaN(n) ? "-" : Math.round(n).toLocaleString("en-US"));

/** `baselineRowsPerS`: one baseline for every case, or each case's own (a workload's baseline). */
export function caseTable(cases: readonly CaseSummary[], baselineRowsPerS: number | null | ((c: CaseSummary) => number | null)): string {
  const baseOf = typeof baselineRowsPerS === "function" ? baselineRowsPerS : () => baselineRowsPerS;
  const head = ["case", "runs", "median s", "min s", "max s", "rows/s", "peak RSS MiB", "CPU s", "× baseline"];
  const body = cases.map((c) => [
    c.label,
    c.failed ? `${c.runs - c.failed}/${c.runs} ok` : String(c.runs),
    fmt(c.medianS),
    fmt(c.minS),
    fmt(c.maxS),
    int(c.rowsPerS),
    c.maxRssMiB === null ? "-" : `${Math.round(c.maxRssMiB)}`,
    fmt(c.medianCpuS, 1),
    c.rowsPerS !== null && baseOf(c) ? fmt(c.rowsPerS / baseOf(c)!) : "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

export function targetLines(targets: readonly Target[]): string {
  return targets.map((t) => `  ${t.met === null ? "?" : t.met ? "✔" : "✘"} ${t.name}: ${t.goal}; measured ${t.measured}`).join("\n");
}

export function machine() {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? "unknown",
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
