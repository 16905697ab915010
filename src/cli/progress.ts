/**
 * How `run` and `validate` show a run's progress (docs/progress.md): on a terminal, one line on
 * stderr redrawn in place and cleared when the run ends (progress-line.ts); otherwise a JSON event on
 * stderr every few seconds, of the scheduler's event shape. Never on stdout, so neither the
 * summary nor `--json` output changes. The choice and the pace come from --progress and
 * --progress-every (progress-options.ts).
 */
import type { ProgressSink } from "../contracts/progress.js";
import { ProgressMeter, type MeterOptions, type ProgressReport } from "../pipeline/progress.js";
import type { ProgressStream } from "./context.js";
import type { ProgressChoice } from "./progress-options.js";

type Timing = Pick<MeterOptions, "now" | "every">;

/** The progress event as the scheduler prints its events: `event` first, `at` last. */
export function progressEvent(r: ProgressReport, at: Date = new Date()): string {
  return JSON.stringify({ event: "progress", ...r, at: at.toISOString() });
}

/** A JSON event through `err` (stderr's lines) every `everyMs`. */
export function jsonProgress(err: (line: string) => void, everyMs: number, timing: Timing = {}): ProgressSink {
  return new ProgressMeter({ ...timing, everyMs, onReport: (r) => err(progressEvent(r)) });
}

/** The sink the choice calls for, or none. `auto` draws a line when stderr is a terminal, and
 *  writes JSON events otherwise; a context without stderr (a test calling main()) shows none. */
export async function cliProgress(choice: ProgressChoice, stderr: ProgressStream | undefined, err: (line: string) => void): Promise<ProgressSink | undefined> {
  if (choice.mode === "off" || stderr === undefined) return undefined;
  const mode = choice.mode === "auto" ? (stderr.isTTY === true ? "line" : "json") : choice.mode;
  // The line's module (and log-update behind it) is loaded only for a terminal.
  return mode === "line" ? (await import("./progress-line.js")).lineProgress(stderr) : jsonProgress(err, choice.everyMs);
}
