/**
 * Runs one measured child process: wall time from spawn to exit, measured here; peak RSS and
 * CPU time reported by the child itself on exit (child-stats.ts). A child that dies without
 * reporting (heap exhausted, killed) still gets a peak RSS: the high-water mark polled from
 * /proc/<pid>/status while it ran (Linux; null elsewhere). stdout and stderr go to log files (a
 * run's human output is not part of what is measured, but it is kept for a look); a failure is
 * summed up by its fatal line, e.g. V8's "FATAL ERROR: … JavaScript heap out of memory".
 */
import { spawn } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { ChildStats } from "./child-stats.js";

export interface Measurement {
  label: string;
  wallS: number;
  /** Peak RSS in MiB, as the child reported it, or as polled when it died before reporting. */
  rssMiB: number | null;
  rssPolled: boolean;
  /** User + system CPU seconds: above wallS means more than one core was busy. */
  cpuS: number | null;
  exitCode: number | null;
  signal: string | null;
  ok: boolean;
  /** Last lines of stderr when the run failed. */
  failure: string | null;
}

export interface ChildSpec {
  label: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env?: Readonly<Record<string, string>>;
  /** File for the child's stdout. */
  log: string;
  /** Written by child-stats.ts; omit for children that do not import it (npm start). */
  statsFile?: string;
  timeoutS: number;
}

const STDERR_KEEP = 8000;
const POLL_MS = 250;

/** VmHWM (peak resident set) of a live process, in KiB; null when /proc is not there. */
function peakRssKiB(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The line that says why a process died, else its last lines. */
function failureLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  const fatal = lines.find((l) => /FATAL ERROR|out of memory|^\w*Error\b|internal error/.test(l));
  return fatal?.trim() ?? lines.slice(-4).join(" | ");
}

export async function measure(spec: ChildSpec): Promise<Measurement> {
  if (spec.statsFile) rmSync(spec.statsFile, { force: true });
  const out = openSync(spec.log, "w");
  let stderr = "";
  const t0 = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, ...(spec.statsFile ? { BENCH_STATS_FILE: spec.statsFile } : {}) },
    stdio: ["ignore", out, "pipe"],
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (text: string) => {
    // Keep the start (where V8 prints FATAL ERROR) and the end.
    stderr = stderr.length + text.length <= STDERR_KEEP ? stderr + text : stderr.slice(0, STDERR_KEEP / 2) + (stderr + text).slice(-STDERR_KEEP / 2);
  });
  let polledKiB: number | null = null;
  const poll = setInterval(() => {
    const kib = child.pid === undefined ? null : peakRssKiB(child.pid);
    if (kib !== null) polledKiB = Math.max(polledKiB ?? 0, kib);
  }, POLL_MS);
  const timer = setTimeout(() => child.kill("SIGKILL"), spec.timeoutS * 1000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => resolve([code, sig]));
  });
  const wallS = (performance.now() - t0) / 1000;
  clearTimeout(timer);
  clearInterval(poll);
  closeSync(out);
  writeFileSync(`${spec.log}.stderr`, stderr);
  const stats = spec.statsFile && existsSync(spec.statsFile) ? (JSON.parse(readFileSync(spec.statsFile, "utf8")) as ChildStats) : null;
  const ok = exitCode === 0 && signal === null;
  const rssMiB = stats ? stats.maxRssKiB / 1024 : spec.statsFile && polledKiB !== null ? polledKiB / 1024 : null;
  let failure: string | null = null;
  if (!ok) {
    const timedOut = signal === "SIGKILL" && wallS >= spec.timeoutS;
    const why = timedOut ? `killed after the ${spec.timeoutS} s timeout` : signal ? `killed by ${signal}` : `exit code ${exitCode}`;
    const peak = rssMiB === null ? "" : `, peak RSS ${Math.round(rssMiB)} MiB`;
    failure = `${why} after ${wallS.toFixed(0)} s${peak}${stderr.trim() ? `: ${failureLine(stderr)}` : ""}`;
  }
  return {
    label: spec.label,
    wallS,
    rssMiB,
    rssPolled: !stats && spec.statsFile !== undefined && polledKiB !== null,
    cpuS: stats ? (stats.userMs + stats.systemMs) / 1000 : null,
    exitCode,
    signal,
    ok,
    failure,
  };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
