/** A progress report in words, for the terminal line (progress.ts) and the scheduler's human log. */
import type { ProgressReport } from "../pipeline/progress.js";
import { formatBytes } from "../report/format.js";

const count = (n: number) => n.toLocaleString("en-US");
const rows = (n: number) => `${count(n)} row${n === 1 ? "" : "s"}`;

/** "1 min 05 s", "12 s". */
function eta(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** "ingest: 120,000 rows, 12.0 MB of 35.2 MB (34%), 52,000 rows/s, about 23 s left". */
export function progressText(r: ProgressReport): string {
  if (r.stage === "site") return "site: bringing the catalogue pages up to date";
  const parts = [`${r.stage}: ${rows(r.rows)}${r.totalRows !== null ? ` of about ${count(r.totalRows)}` : ""}`];
  if (r.totalBytes !== null) {
    const share = r.totalBytes > 0 ? Math.min(100, Math.floor((r.bytes / r.totalBytes) * 100)) : 100;
    parts.push(`${formatBytes(r.bytes)} of ${formatBytes(r.totalBytes)} (${share}%)`);
  }
  if (r.rows > 0) parts.push(`${count(r.rowsPerSecond)} rows/s`);
  // Every byte read (or every row expected gone by) while the stage goes on: worker threads
  // checking their last batches, the outputs being closed. Not "0 s left" for seconds on end.
  if (r.etaSeconds !== null) parts.push(r.etaSeconds === 0 ? "finishing" : `about ${eta(r.etaSeconds)} left`);
  return parts.join(", ");
}
