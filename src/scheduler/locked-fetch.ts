/**
 * `openfigures fetch` for one pipeline under its lock, the one runs take: a fetch never swaps a
 * file between a run's fingerprint and its reading, and two fetches of one pipeline never
 * interleave. A fetch is not a run, so it writes no record of its own to the history; a lock it
 * takes over is recorded there as the dead run's `abandoned`, as a run would.
 */
import { join, resolve } from "node:path";
import { fetchPipeline, type FetchOptions, type PipelineFetch } from "../pipeline/fetch-inputs.js";
import type { Failure } from "../contracts/result.js";
import { newRunId } from "../pipeline/run.js";
import type { Pipeline } from "../contracts/definition.js";
import type { GuardEvent } from "./events.js";
import { appendRecord } from "./ledger.js";
import type { LockHolder } from "../lock/lock.js";
import { takePipelineLock } from "./pipeline-lock.js";

export type LockedFetch = { kind: "fetched"; result: PipelineFetch } | { kind: "locked"; holder: LockHolder | null; message: string } | { kind: "error"; message: string; failure: Failure };

export async function lockedFetch(pipeline: Pipeline, outDir: string, options: FetchOptions, onEvent: (e: GuardEvent) => void = () => undefined): Promise<LockedFetch> {
  const dir = join(resolve(outDir), pipeline.id);
  const write = (r: Parameters<typeof appendRecord>[1]) => appendRecord(dir, r).catch((err: Error) => onEvent({ event: "history-not-written", pipeline: pipeline.id, error: err.message }));
  const owner = { runId: newRunId(new Date()), trigger: "manual", scheduledFor: null, attempt: 1, command: "openfigures fetch" } as const;
  const taken = await takePipelineLock(pipeline.id, dir, owner, { note: onEvent, write });
  if (taken.kind !== "held") return taken;
  try {
    return { kind: "fetched", result: await fetchPipeline(pipeline, options) };
  } finally {
    await taken.lock.release();
  }
}
