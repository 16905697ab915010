/**
 * The run history: `<out>/<id>/history.jsonl`, one JSON record per line, append-only.
 *
 * Why a crash cannot corrupt earlier records: a record is one write() to a file opened with
 * O_APPEND, then fsync; bytes already there are never rewritten. The worst a crash leaves is a
 * torn last line. The next append first ends that line (so the torn bytes never join a good
 * record) and the reader skips lines that are not whole records, saying how many it skipped.
 * Something other than a file in its place (a directory) is refused with one line (lock/own-file.ts).
 */
import { constants } from "node:fs";
import { join } from "node:path";
import type { RefreshResult } from "../fetch/snapshot.js";
import type { Failure } from "../contracts/result.js";
import { LEDGER_FILE } from "../contracts/layout.js";
import { syncDirectory } from "../publish/release/sink.js";
import type { Trigger } from "../lock/lock.js";
import { HISTORY, openOwnFile, openOwnFileIfAny } from "../lock/own-file.js";

/** "up-to-date": nothing changed since the current release, nothing written; "locked": refused because another run held the lock; "cancelled": stopped by a shutdown;
 *  "abandoned": its process died (written by whoever took over its lock). */
export type Outcome = "succeeded" | "up-to-date" | "failed" | "locked" | "cancelled" | "abandoned";

/** A run that left a current release: it published one, or found nothing to change. */
export function succeeded(r: Pick<RunRecord, "outcome">): boolean {
  return r.outcome === "succeeded" || r.outcome === "up-to-date";
}

export interface RunRecord {
  runId: string;
  pipeline: string;
  trigger: Trigger;
  /** The slot a scheduled or catch-up run was for; null for manual runs. */
  scheduledFor: string | null;
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  outcome: Outcome;
  failure: Failure | null;
  exitCode: number | null;
  rows: { in: number; published: number; rejected: number; observations: number } | null;
  releaseId: string | null;
  error: string | null;
  host: string;
  pid: number;
  /** What the run's fetch did, file by file (`run --fetch`, or a schedule with `fetch: true`);
   *  null or absent (records written before fetches were recorded) when it fetched nothing. */
  fetch?: FetchRecord | null;
}

/** A fetch as the history keeps it: each remote input's result (unchanged, updated from what to
 *  what, recorded, failed with url, status and reason), and a snapshots.json that cannot be read. */
export interface FetchRecord {
  files: RefreshResult[];
  problem: string | null;
}

export async function appendRecord(dir: string, record: RunRecord): Promise<void> {
  // As "a+": O_APPEND, and readable, to check how the last record ended. Not a file in its
  // place (a directory): an OwnFileError naming it.
  const handle = await openOwnFile(join(dir, LEDGER_FILE), constants.O_APPEND | constants.O_CREAT | constants.O_RDWR, HISTORY);
  try {
    const { size } = await handle.stat();
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = "\n";
    }
    const bytes = Buffer.from(`${prefix}${JSON.stringify(record)}\n`, "utf8");
    let off = 0;
    while (off < bytes.length) off += (await handle.write(bytes, off, bytes.length - off)).bytesWritten;
    await handle.sync();
    if (size === 0) await syncDirectory(dir);
  } finally {
    await handle.close();
  }
}

export interface LedgerRead {
  records: RunRecord[];
  /** Lines that are not whole records: `torn` for an unterminated last line (a write cut off). */
  skipped: { line: number; kind: "torn" | "corrupt" }[];
}

function asRecord(line: string): RunRecord | null {
  try {
    const r = JSON.parse(line) as Partial<RunRecord> | null;
    const ok = r !== null && typeof r === "object" && typeof r.runId === "string" && typeof r.pipeline === "string" && typeof r.outcome === "string" && typeof r.startedAt === "string";
    return ok ? (r as RunRecord) : null;
  } catch {
    return null;
  }
}

/** Reads the ledger of one pipeline folder, streaming; `last` keeps only the latest N records. */
export async function readLedger(dir: string, options: { last?: number } = {}): Promise<LedgerRead> {
  const result: LedgerRead = { records: [], skipped: [] };
  const keep = options.last ?? Infinity;
  let rest = "";
  let lineNo = 0;
  const take = (line: string, terminated: boolean) => {
    lineNo++;
    if (line.trim() === "") return;
    const r = asRecord(line);
    if (r === null) {
      result.skipped.push({ line: lineNo, kind: terminated ? "corrupt" : "torn" });
      return;
    }
    result.records.push(r);
    if (result.records.length > keep) result.records.shift();
  };
  const handle = await openOwnFileIfAny(join(dir, LEDGER_FILE), constants.O_RDONLY, HISTORY);
  if (handle === null) return result;
  // The stream closes the handle when it ends or fails.
  for await (const chunk of handle.createReadStream({ encoding: "utf8" })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop()!;
    for (const line of lines) take(line, true);
  }
  if (rest !== "") take(rest, false);
  return result;
}
