/** How many rejected rows a run tolerates: a count ("12") or a share of the rows read ("5%"). */
import type { RejectTolerance } from "./types.js";

export function parseTolerance(text: string): RejectTolerance | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (m && Number(m[1]) <= 100) return text as `${number}%`;
  return null;
}

export function rejectLimit(tolerance: RejectTolerance, rowsIn: number): { rows: number; text: string } {
  if (typeof tolerance === "number") return { rows: tolerance, text: `${tolerance} row${tolerance === 1 ? "" : "s"}` };
  const share = Number(tolerance.slice(0, -1));
  const rows = Math.floor((rowsIn * share) / 100 + 1e-9);
  return { rows, text: `${tolerance} of ${rowsIn} rows (${rows})` };
}
