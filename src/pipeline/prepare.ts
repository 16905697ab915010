/**
 * Step 1 of a run: prepare, and decide whether there is anything to do. The output folder is
 * put right after an interrupted run (a run only: validate takes no lock and reads the release
 * index alone), the raw files are checked against snapshots.json, and the inputs are
 * fingerprinted. A run whose fingerprint is the current release's, with that release intact,
 * is up to date and stops here, unless forced.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { UNPUBLISHED_DIR } from "../contracts/layout.js";
import type { SnapshotEntry } from "../fetch/manifest.js";
import { readIndex, type FingerprintParts, type ReleaseIndex } from "../publish/release/release-index.js";
import { recover } from "../publish/release/recover.js";
import { changeReasons, fingerprintOf, fingerprintParts } from "./fingerprint.js";
import { isExampleLimit } from "./issue-log.js";
import { checkRawSnapshots } from "./raw-snapshots.js";
import { dataFailure, type Outcome } from "./run-result.js";
import type { Run } from "./run.js";

export type Prepared =
  /** Nothing to read: up to date, or raw files that are not the ones snapshots.json records. */
  | { readonly kind: "stop"; readonly outcome: Outcome }
  | {
      readonly kind: "go";
      readonly parts: FingerprintParts;
      readonly fingerprint: string;
      readonly index: ReleaseIndex;
      /** The inputs' records in snapshots.json: published as the raw files' provenance. */
      readonly records: Readonly<Record<string, SnapshotEntry>>;
    };

export async function prepare(run: Run): Promise<Prepared> {
  const { pipeline, mode, dir, result } = run;
  // The CLI and definePipeline() check it; a caller of runPipeline() may not have.
  if (!isExampleLimit(run.reportExamples)) throw new TypeError(`reportExamples: expected a whole number of issues per code, 0 or more, got ${JSON.stringify(run.reportExamples)}`);
  // A run reads releases.json and the current link once, in recover().
  const recovered = mode === "run" ? await recover(dir, pipeline.id) : null;
  if (recovered) result.recover(recovered.done);
  // Raw files must be the ones snapshots.json records (raw-snapshots.ts); checked before they are fingerprinted.
  const raw = await checkRawSnapshots(pipeline, run.rawDir, mode === "run");
  result.recover(raw.notes);
  if (raw.problem !== null) return { kind: "stop", outcome: dataFailure(raw.problem) };

  const { records } = raw;
  const parts = await fingerprintParts(pipeline, run.rawDir, { strict: run.strict, maxRejected: String(run.maxRejected), reportExamples: run.reportExamples }, records);
  const fingerprint = fingerprintOf(parts);
  result.fingerprinted(fingerprint);
  const index = recovered?.index ?? (await readIndex(dir, pipeline.id));
  if (mode === "validate") return { kind: "go", parts, fingerprint, index, records };

  const current = index.releases.find((r) => r.id === index.current) ?? null;
  // Files missing from the current release, or of the wrong size, make a rebuild, changed inputs or not.
  const damage = recovered?.damage ?? [];
  const unchanged = current !== null && current.fingerprint === fingerprint && recovered?.current === current.id && damage.length === 0;
  if (unchanged && !run.force) {
    result.upToDate(current.id);
    // The current release stands for these inputs and options, as after a publishing run:
    // the reports of an earlier run that published nothing no longer apply.
    await rm(join(dir, UNPUBLISHED_DIR), { recursive: true, force: true });
    return { kind: "stop", outcome: { status: "up-to-date" } };
  }
  const why = current === null && damage.length > 0 ? damage : [...changeReasons(parts, current?.parts ?? null), ...damage];
  result.because(run.force ? ["--force", ...why] : why);
  return { kind: "go", parts, fingerprint, index, records };
}
