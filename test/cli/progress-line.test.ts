/**
 * The progress line on a terminal (cli/progress-line.ts; the JSON events of cli/progress.ts below), on a simulated TTY: a stream object with
 * isTTY and columns whose bytes are played on a small screen model (the escape codes log-update
 * writes: erase line, cursor up, cursor to column 1, erase to the end of the line). The clock and
 * the timer are injected: nothing waits.
 */
import { describe, expect, it } from "vitest";
import { jsonProgress, progressEvent } from "../../src/cli/progress.js";
import { LINE_EVERY_MS, LINE_FIRST_MS, lineProgress, progressLine } from "../../src/cli/progress-line.js";
import { progressReport } from "../helpers/progress.js";

/** A terminal screen: lines of text and a cursor, driven by the codes log-update uses. */
class Screen {
  lines: string[] = [""];
  row = 0;
  col = 0;
  writes: string[] = [];
  readonly isTTY = true;
  constructor(readonly columns: number) {}
  write(data: string): boolean {
    this.writes.push(data);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what this model reads
    const codes = /\u001b\[(\??\d*)([A-Za-z])/y;
    for (let i = 0; i < data.length; ) {
      codes.lastIndex = i;
      const m = codes.exec(data);
      if (m) {
        const [, arg, op] = m;
        if (op === "K" && arg === "2") this.lines[this.row] = "";
        else if (op === "K") this.lines[this.row] = this.lines[this.row]!.slice(0, this.col);
        else if (op === "A") this.row = Math.max(0, this.row - Number(arg || 1));
        else if (op === "B") this.row += Number(arg || 1);
        else if (op === "G") this.col = 0;
        else if (op !== "h" && op !== "l") throw new Error(`unexpected escape code ${JSON.stringify(m[0])}`);
        i = codes.lastIndex;
        continue;
      }
      const ch = data[i++]!;
      if (ch === "\n") {
        this.row++;
        this.col = 0;
      } else {
        const line = this.lines[this.row] ?? "";
        this.lines[this.row] = line.slice(0, this.col).padEnd(this.col) + ch + line.slice(this.col + 1);
        this.col++;
      }
      while (this.lines.length <= this.row) this.lines.push("");
    }
    return true;
  }
  /** What a person sees: the lines, without trailing blank ones. */
  shown(): string[] {
    const out = [...this.lines];
    while (out.length > 0 && out.at(-1) === "") out.pop();
    return out;
  }
}

function manual() {
  let now = 0;
  let tick: (() => void) | null = null;
  const periods: number[] = [];
  return {
    now: () => now,
    every: (fn: () => void, ms: number) => {
      tick = fn;
      periods.push(ms);
      return () => {
        tick = null;
      };
    },
    at(ms: number) {
      now = ms;
      tick?.();
    },
    periods,
  };
}

describe("progressLine", () => {
  it("says the pipeline, the stage, rows, bytes read of the total, rows/s and the time left", () => {
    expect(progressLine(progressReport(), 200)).toBe("world-internet-use: ingest: 120,000 rows, 12.0 MB of 36.0 MB (33%), 52,000 rows/s, about 1 min 23 s left");
    expect(progressLine(progressReport({ stage: "publish", rows: 5_000, totalRows: 9_000, bytes: 0, totalBytes: null, etaSeconds: 4 }), 200)).toBe(
      "world-internet-use: publish: 5,000 rows of about 9,000, 52,000 rows/s, about 4 s left",
    );
    expect(progressLine(progressReport({ bytes: 36 * 1024 * 1024, etaSeconds: 0 }), 200)).toBe("world-internet-use: ingest: 120,000 rows, 36.0 MB of 36.0 MB (100%), 52,000 rows/s, finishing");
    expect(progressLine(progressReport({ rows: 1, totalBytes: null, etaSeconds: null }), 200)).toBe("world-internet-use: ingest: 1 row, 52,000 rows/s");
    expect(progressLine(progressReport({ stage: "site" }), 200)).toBe("world-internet-use: site: bringing the catalogue pages up to date");
  });

  it("is cut to the terminal's width less one column", () => {
    const line = progressLine(progressReport(), 40);
    expect(line).toBe("world-internet-use: ingest: 120,000 ro…");
    expect(line.length).toBe(39);
  });
});

describe("lineProgress on a terminal", () => {
  it("draws nothing for a run shorter than a second", () => {
    const screen = new Screen(100);
    const clock = manual();
    const sink = lineProgress(screen, { now: clock.now, every: clock.every });
    sink.start({ pipeline: "seed", runId: "r1" });
    sink.stage("ingest", { bytes: 1_000, rows: null });
    sink.advance(10, 1_000);
    for (let t = LINE_EVERY_MS; t < LINE_FIRST_MS; t += LINE_EVERY_MS) clock.at(t);
    sink.end();
    expect(screen.writes.join("")).toBe("");
  });

  it("redraws one line in place at most 10 times a second, and clears it when the run ends", () => {
    const screen = new Screen(100);
    screen.write("earlier output\n");
    const clock = manual();
    const sink = lineProgress(screen, { now: clock.now, every: clock.every });
    sink.start({ pipeline: "big", runId: "r1" });
    expect(clock.periods).toEqual([100]);
    sink.stage("ingest", { bytes: 4_000_000, rows: null });
    sink.advance(10_000, 1_000_000);
    clock.at(1_000);
    expect(screen.shown()).toEqual(["earlier output", "big: ingest: 10,000 rows, 976.6 KB of 3.8 MB (25%), 10,000 rows/s, about 3 s left"]);
    sink.advance(10_000, 1_000_000);
    clock.at(2_000);
    // The same line, rewritten: no second line below the first.
    expect(screen.shown()).toEqual(["earlier output", "big: ingest: 20,000 rows, 1.9 MB of 3.8 MB (50%), 10,000 rows/s, about 2 s left"]);
    sink.stage("publish", { bytes: null, rows: 20_000 });
    sink.advance(5_000, 0);
    clock.at(2_500);
    expect(screen.shown()).toEqual(["earlier output", "big: publish: 5,000 rows of about 20,000, 10,000 rows/s, about 2 s left"]);
    const drawn = screen.writes.length;
    sink.end();
    // One more write, the clear: the line is gone and the cursor back where the line began.
    expect(screen.writes.length).toBe(drawn + 1);
    expect(screen.shown()).toEqual(["earlier output"]);
    expect([screen.row, screen.col]).toEqual([1, 0]);
    // Later output starts on that line, as if no progress had been shown.
    screen.write("summary\n");
    expect(screen.shown()).toEqual(["earlier output", "summary"]);
  });

  it("keeps a narrow terminal to one line", () => {
    const screen = new Screen(30);
    const clock = manual();
    const sink = lineProgress(screen, { now: clock.now, every: clock.every });
    sink.start({ pipeline: "big", runId: "r1" });
    sink.stage("ingest", { bytes: 4_000_000, rows: null });
    sink.advance(10_000, 1_000_000);
    clock.at(1_000);
    expect(screen.shown()).toEqual(["big: ingest: 10,000 rows, 97…"]);
    sink.end();
    expect(screen.shown()).toEqual([]);
  });
});

describe("jsonProgress", () => {
  it("writes one JSON line per interval, shaped as the scheduler's events: event first, at last", () => {
    const lines: string[] = [];
    const clock = manual();
    const sink = jsonProgress((l) => lines.push(l), 5_000, { now: clock.now, every: clock.every });
    sink.start({ pipeline: "big", runId: "r1" });
    expect(clock.periods).toEqual([5_000]);
    sink.stage("ingest", { bytes: 1_000, rows: null });
    sink.advance(40, 250);
    clock.at(5_000);
    sink.end();
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(event)).toEqual(["event", "pipeline", "runId", "stage", "rows", "totalRows", "bytes", "totalBytes", "rowsPerSecond", "etaSeconds", "elapsedMs", "at"]);
    expect(event).toMatchObject({ event: "progress", pipeline: "big", runId: "r1", stage: "ingest", rows: 40, bytes: 250, totalBytes: 1_000, rowsPerSecond: 8, etaSeconds: 15, elapsedMs: 5_000 });
    expect(progressEvent(progressReport(), new Date("2026-12-05T12:00:00Z"))).toMatch(/^\{"event":"progress",.*,"at":"2026-12-05T12:00:00.000Z"\}$/);
  });
});
