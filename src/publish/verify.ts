/**
 * Verifying a release: recompute the sha256 and size of every file its release.json lists
 * (datapackage.json among them) and compare; check the stable paths lead into the current
 * release. Returns what it found; the CLI decides the exit code.
 */
import { readFile, readdir, readlink, stat } from "node:fs/promises";
import { join } from "node:path";
import { hashFile } from "../pipeline/fingerprint.js";
import type { Pipeline } from "../pipeline/types.js";
import { CURRENT_LINK, RELEASES_DIR, RELEASE_RECORD } from "./layout.js";
import { currentRelease, stableFiles } from "./release.js";
import type { ReleaseRecord } from "./release-index.js";

export interface FileCheck {
  file: string;
  ok: boolean;
  expected: { bytes: number; sha256: string };
  actual: { bytes: number; sha256: string } | null;
}

export interface Verification {
  pipeline: string;
  release: string | null;
  ok: boolean;
  files: FileCheck[];
  problems: string[];
}

async function checkFile(folder: string, file: string, expected: FileCheck["expected"], release: string, problems: string[]): Promise<FileCheck> {
  let actual: FileCheck["actual"] = null;
  // Streamed: a published CSV can be hundreds of megabytes.
  const path = join(folder, file);
  const size = await stat(path).then((s) => (s.isFile() ? s.size : null), () => null);
  const sha256 = size === null ? null : await hashFile(path).catch(() => null);
  if (size !== null && sha256 !== null) actual = { bytes: size, sha256 };
  else problems.push(`${file}: missing from release ${release}`);
  const ok = actual !== null && actual.bytes === expected.bytes && actual.sha256 === expected.sha256;
  if (actual !== null && !ok) {
    problems.push(`${file}: expected ${expected.bytes} bytes with sha256 ${expected.sha256}, found ${actual.bytes} bytes with sha256 ${actual.sha256}`);
  }
  return { file, ok, expected, actual };
}

export async function verifyRelease(pipeline: Pipeline, outDir: string, releaseId?: string): Promise<Verification> {
  const dir = join(outDir, pipeline.id);
  const release = releaseId ?? (await currentRelease(dir));
  const v: Verification = { pipeline: pipeline.id, release, ok: false, files: [], problems: [] };
  if (release === null) {
    v.problems.push(`no current release in ${dir}`);
    return v;
  }
  // Only a release folder's own name is an id: "--release ../../x" must not read outside releases/.
  if (releaseId !== undefined && !(await readdir(join(dir, RELEASES_DIR)).catch(() => [] as string[])).includes(releaseId)) {
    v.problems.push(`no release ${JSON.stringify(releaseId)} in ${join(dir, RELEASES_DIR)}`);
    return v;
  }
  const folder = join(dir, RELEASES_DIR, release);
  // release.json lists every published file with its hash, datapackage.json included (which
  // lists all but itself); run.json and release.json carry no hash of themselves.
  let files: ReleaseRecord["files"];
  try {
    files = (JSON.parse(await readFile(join(folder, RELEASE_RECORD), "utf8")) as ReleaseRecord).files;
  } catch (err) {
    v.problems.push(`cannot read ${join(folder, RELEASE_RECORD)}: ${(err as Error).message}`);
    return v;
  }
  for (const f of files) v.files.push(await checkFile(folder, f.file, { bytes: f.bytes, sha256: f.sha256 }, release, v.problems));
  if (releaseId === undefined) {
    // The files the run linked (release.ts), so a link it made and someone replaced is caught too.
    const linked = await stableFiles(dir, release).catch(() => [] as string[]);
    for (const f of [...new Set([...files.map((x) => x.file), ...linked])]) {
      const link = await readlink(join(dir, f)).catch(() => null);
      if (link !== join(CURRENT_LINK, f)) v.problems.push(`${f}: the stable path does not lead to the current release`);
    }
  }
  v.ok = v.problems.length === 0;
  return v;
}
