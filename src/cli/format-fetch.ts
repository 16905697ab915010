/**
 * What a fetch did, file by file, in words: printed by `fetch`, by `run --fetch` before the
 * run's own summary, and by `history` and `status` from the run's record.
 */
import type { RefreshResult } from "../fetch/snapshot.js";
import type { PipelineFetch } from "../pipeline/fetch-inputs.js";

const short = (sha: string) => `${sha.slice(0, 12)}…`;
const count = (n: number | null) => (n === null ? "?" : n.toLocaleString("en-US"));

/** One line for one file, without a mark: "figures.csv updated: sha256 a… → b…, 300 bytes, 4 → 5 rows". */
export function fetchLine(r: RefreshResult): string {
  switch (r.status) {
    case "unchanged":
      return `${r.file} unchanged: ${r.why === "not-modified" ? "304 Not Modified" : `same bytes (${r.httpStatus})`}, sha256 ${short(r.sha256)}`;
    case "updated": {
      const from = r.from ? `${short(r.from.sha256)} → ` : "new file, ";
      const rows = r.from ? `${count(r.from.rows)} → ${count(r.to.rows)} rows` : `${count(r.to.rows)} rows`;
      return `${r.file} updated: sha256 ${from}${short(r.to.sha256)}, ${count(r.to.bytes)} bytes, ${rows}${r.member ? `, from member ${r.member}` : ""}`;
    }
    case "recorded":
      return `${r.file} recorded: ${r.why}, sha256 ${short(r.sha256)}`;
    case "failed":
      return `${r.file} failed: ${r.url || "(no url)"}, status ${r.httpStatus ?? "none"}: ${r.reason}`;
  }
}

/**
 * The file's line with its mark (✔ or ✘), then its notes. The first line starts with `lead`,
 * the notes with as many spaces (so `lead` may be a label: "    fetch: ").
 */
export function fetchLines(r: RefreshResult, lead = "  "): string[] {
  const under = " ".repeat(lead.length);
  return [`${lead}${r.status === "failed" ? "✘" : "✔"} ${fetchLine(r)}`, ...r.notes.map((n) => `${under}  note: ${n}`)];
}

/** The lines of one pipeline's fetch, under no heading; each file's first line starts with `lead`. */
export function fetchBody(p: Pick<PipelineFetch, "files" | "problem">, lead = "  "): string[] {
  if (p.files.length === 0) return [p.problem ? `${lead}✘ ${p.problem}` : `${lead}no remote inputs (no input has a url)`];
  return p.files.flatMap((f) => fetchLines(f, lead));
}

export function formatFetch(p: PipelineFetch): string {
  return [p.pipeline, ...fetchBody(p)].join("\n");
}

/** Each file's outcome in a few words, for one-line logs: "figures.csv updated, sources.csv failed (status 503)". */
export function fetchSummary(p: Pick<PipelineFetch, "files" | "problem">): string {
  if (p.files.length === 0) return p.problem ?? "no remote inputs";
  return p.files.map((f) => (f.status === "failed" ? `${f.file} failed (status ${f.httpStatus ?? "none"})` : `${f.file} ${f.status}`)).join(", ");
}
