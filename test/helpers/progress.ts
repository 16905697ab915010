/** One progress report as a run in its ingest stage gives it, for the tests of how reports are shown. */
import type { ProgressReport } from "../../src/pipeline/progress.js";

export const progressReport = (over: Partial<ProgressReport> = {}): ProgressReport => ({
  pipeline: "world-internet-use",
  runId: "20261205T120000Z-abcdef",
  stage: "ingest",
  rows: 120_000,
  totalRows: null,
  bytes: 12 * 1024 * 1024,
  totalBytes: 36 * 1024 * 1024,
  rowsPerSecond: 52_000,
  etaSeconds: 83,
  elapsedMs: 2_400,
  ...over,
});
