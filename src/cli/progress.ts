/**
 * How `run` and `validate` show a run's progress (docs/progress.md): on a terminal, one line on
 * stderr redrawn in place (log-update) and cleared when the run ends; otherwise a JSON event on
 * stderr every few seconds, of the scheduler's event shape. Never on stdout, so neither the
 * summary nor `--json` output changes. The choice and the pace come from --progress and
 * --progress-every (progress-options.ts).
 *
 * log-update 7.2.0: it redraws a block in place with the fewest escape codes, wraps to the
 * terminal's width and erases cleanly; 7.x supports Node 20 (8.x needs 22), and it is ESM. The
 * timer is ours (pipeline/progress.ts), so its pace is tested without waiting. The cursor stays
 * shown: hiding it would need restoring on every way the process can end.
 */
import { createLogUpdate } from "log-update";
import type { ProgressSink } from "../contracts/progress.js";
import { ProgressMeter, type MeterOptions, type ProgressReport } from "../pipeline/progress.js";
import type { ProgressStream } from "./context.js";
import { progressText } from "./format-progress.js";
import type { ProgressChoice } from "./progress-options.js";

/** The line is redrawn at most 10 times a second, and first drawn after a second: a run shorter
 *  than that leaves no trace on the terminal. */
export const LINE_EVERY_MS = 100;
export const LINE_FIRST_MS = 1000;

/** The progress event as the scheduler prints its events: `event` first, `at` last. */
export function progressEvent(r: ProgressReport, at: Date = new Date()): string {
  return JSON.stringify({ event: "progress", ...r, at: at.toISOString() });
}

/** The terminal line: the pipeline and the progress, cut to the terminal's width (less one
 *  column, so the cursor never wraps to a line of its own). */
export function progressLine(r: ProgressReport, columns: number | undefined): string {
  const line = `${r.pipeline}: ${progressText(r)}`;
  const width = Math.max(10, (columns ?? 80) - 1);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

type Timing = Pick<MeterOptions, "now" | "every">;

/** A live line on `stream`, a terminal. */
export function lineProgress(stream: ProgressStream, timing: Timing = {}): ProgressSink {
  const draw = createLogUpdate(stream as NodeJS.WritableStream, { showCursor: true });
  return new ProgressMeter({
    ...timing,
    everyMs: LINE_EVERY_MS,
    firstMs: LINE_FIRST_MS,
    onReport: (r) => draw(progressLine(r, stream.columns)),
    onEnd: () => draw.clear(),
  });
}

/** A JSON event through `err` (stderr's lines) every `everyMs`. */
export function jsonProgress(err: (line: string) => void, everyMs: number, timing: Timing = {}): ProgressSink {
  return new ProgressMeter({ ...timing, everyMs, onReport: (r) => err(progressEvent(r)) });
}

/** The sink the choice calls for, or none. `auto` draws a line when stderr is a terminal, and
 *  writes JSON events otherwise; a context without stderr (a test calling main()) shows none. */
export function cliProgress(choice: ProgressChoice, stderr: ProgressStream | undefined, err: (line: string) => void): ProgressSink | undefined {
  if (choice.mode === "off" || stderr === undefined) return undefined;
  const mode = choice.mode === "auto" ? (stderr.isTTY === true ? "line" : "json") : choice.mode;
  return mode === "line" ? lineProgress(stderr) : jsonProgress(err, choice.everyMs);
}
