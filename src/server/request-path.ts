/**
 * The request target, checked and split into names before any file is touched. Everything that
 * could name something outside `<out>` or inside the engine's own files is refused here, by the
 * text alone; resolve.ts then checks where the names really lead (symlinks) on the disk.
 *
 * Refused (the server answers 404 for all, so a probe learns nothing about the disk):
 * - anything but an origin-form target (`/…`): `*`, `http://host/…`;
 * - a backslash, raw or encoded (`%5c`): some tools treat it as a separator;
 * - an encoded slash (`%2f`) or NUL (`%00`) inside a name, or bad percent-encoding;
 * - `.` and `..`, raw or encoded (`%2e%2e`), and empty names (`//`);
 * - hidden names (a leading dot): the lock, the rows index `.rows-v3`, a run's `.work-*` and
 *   `.staging-*` folders and the temporary files of atomic writes;
 * - the run history `history.jsonl` and `unpublished/`: operational records (hosts, pids,
 *   errors, the reports of a run that published nothing), not published data.
 */
import { LEDGER_FILE, UNPUBLISHED_DIR } from "../contracts/layout.js";

export interface RequestPath {
  /** The decoded names, in order; [] for the root. */
  names: string[];
  /** The path as received, still percent-encoded: a redirect repeats it. */
  raw: string;
  /** The target ended with "/": it asks for a folder's page. */
  trailingSlash: boolean;
  /** "?…" as received, or "". */
  query: string;
}

export type PathVerdict = { ok: true; path: RequestPath } | { ok: false; reason: string };

/** Names that are operational records of the engine, never published. */
const INTERNAL_NAMES: ReadonlySet<string> = new Set([LEDGER_FILE, UNPUBLISHED_DIR]);

/** Why a single (decoded) name may not be served, or null when it may. */
export function refusedName(name: string): string | null {
  if (name === "") return "an empty name";
  if (name === "." || name === "..") return `a dot segment ${JSON.stringify(name)}`;
  if (name.includes("/") || name.includes("\\")) return "a separator inside a name";
  if (name.includes("\0")) return "a NUL byte";
  if (name.startsWith(".")) return `a hidden name ${JSON.stringify(name)}`;
  if (INTERNAL_NAMES.has(name)) return `an internal name ${JSON.stringify(name)}`;
  return null;
}

export function parseRequestPath(target: string): PathVerdict {
  if (!target.startsWith("/")) return { ok: false, reason: "not a path starting with /" };
  const q = target.indexOf("?");
  const raw = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? "" : target.slice(q);
  if (raw.includes("\\")) return { ok: false, reason: "a backslash" };
  const parts = raw.slice(1).split("/");
  const trailingSlash = parts[parts.length - 1] === "";
  if (trailingSlash) parts.pop();
  const names: string[] = [];
  for (const part of parts) {
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return { ok: false, reason: `bad percent-encoding in ${JSON.stringify(part)}` };
    }
    const refused = refusedName(name);
    if (refused !== null) return { ok: false, reason: refused };
    names.push(name);
  }
  return { ok: true, path: { names, raw, trailingSlash, query } };
}
