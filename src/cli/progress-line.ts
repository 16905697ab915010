/**
 * The progress line on a terminal (docs/progress.md): one line on stderr redrawn in place and
 * cleared when the run ends. Its own module so that log-update is loaded only when a terminal
 * asks for it (progress.ts's cliProgress).
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

type Timing = Pick<MeterOptions, "now" | "every">;

/** The line is redrawn at most 10 times a second, and first drawn after a second: a run shorter
 *  than that leaves no trace on the terminal. */
export const LINE_EVERY_MS = 100;
export const LINE_FIRST_MS = 1000;

/** The terminal line: the pipeline and the progress, cut to the terminal's width (less one
 *  column, so the cursor never wraps to a line of its own). */
export function progressLine(r: ProgressReport, columns: number | undefined): string {
  const line = `${r.pipeline}: ${progressText(r)}`;
  const width = Math.max(10, (columns ?? 80) - 1);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

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
