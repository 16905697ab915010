/** How many rejected rows a run tolerates: a count ("12") or a share of the rows read ("5%").
 *  The shrink guard takes the same kind of limit on the observations a run removes. */
import type { RejectTolerance } from "../contracts/definition.js";

export function parseTolerance(text: string): RejectTolerance | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (m && Number(m[1]) <= 100) return text as `${number}%`;
  return null;
}

/** The limit as a count of `total`, and in words ("5% of 40 rows (2)"). */
export function rejectLimit(tolerance: RejectTolerance, total: number, noun = "row"): { rows: number; text: string } {
  if (typeof tolerance === "number") return { rows: tolerance, text: `${tolerance} ${noun}${tolerance === 1 ? "" : "s"}` };
  const share = Number(tolerance.slice(0, -1));
  const rows = Math.floor((total * share) / 100 + 1e-9);
  return { rows, text: `${tolerance} of ${total} ${noun}${total === 1 ? "" : "s"} (${rows})` };
}
