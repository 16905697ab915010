/**
 * Verifying a release: recompute the sha256 and size of every file its release.json lists
 * (datapackage.json among them) and compare; check the stable paths lead into the current
 * release. Returns what it found; the CLI decides the exit code.
 *
 * Two lighter checks serve a run (recover.ts): `fileProblems` with sizes only, cheap enough for
 * every run (a stat per file, however large the release), and with hashes, to tell whether a
 * release folder nobody catalogued is complete.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, readdir, readlink, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Pipeline } from "../../contracts/definition.js";
import { CURRENT_LINK, RELEASES_DIR, RELEASE_RECORD } from "../../contracts/layout.js";
import { readCurrent, stableFiles } from "./switch.js";
import type { ReleaseRecord } from "./release-index.js";

/**
 * How the files of a release folder differ from the record's list, one short phrase per file
 * (`indicators.csv missing`, `indicators.json is 10 bytes, release.json says 4521`); empty when
 * they match. Without `hash`, only existence and sizes are compared.
 */
export async function fileProblems(folder: string, files: ReleaseRecord["files"], opts: { hash: boolean }): Promise<string[]> {
  const problems: string[] = [];
  for (const f of files) {
    const size = await stat(join(folder, f.file)).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
    if (size === null) problems.push(`${f.file} missing`);
    else if (size !== f.bytes) problems.push(`${f.file} is ${size} bytes, ${RELEASE_RECORD} says ${f.bytes}`);
  }
  // Hashes only when every size matches: a release already known to differ is not read through.
  if (!opts.hash || problems.length > 0) return problems;
  for (const f of files) {
    if ((await hashFile(join(folder, f.file)).catch(() => null)) !== f.sha256) problems.push(`${f.file} differs from its sha256 in ${RELEASE_RECORD}`);
  }
  return problems;
}

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
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  );
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
  const link = releaseId === undefined ? await readCurrent(dir).catch(() => ({ state: "none" }) as const) : null;
  const release = releaseId ?? (link?.state === "release" ? link.id : null);
  const v: Verification = { pipeline: pipeline.id, release, ok: false, files: [], problems: [] };
  if (release === null) {
    if (link?.state === "broken") v.problems.push(`${CURRENT_LINK} leads to ${link.target}, not to a release in ${RELEASES_DIR}/: \`openfigures run ${pipeline.id}\` repairs it`);
    else if (link?.state === "not-a-link") v.problems.push(`${join(dir, CURRENT_LINK)} is not the link openfigures keeps there (see \`openfigures run ${pipeline.id}\`)`);
    else v.problems.push(`no current release in ${dir}`);
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
    // The files the run linked (switch.ts), so a link it made and someone replaced is caught too.
    const linked = await stableFiles(dir, release).catch(() => [] as string[]);
    for (const f of [...new Set([...files.map((x) => x.file), ...linked])]) {
      const link = await readlink(join(dir, f)).catch(() => null);
      if (link !== join(CURRENT_LINK, f)) v.problems.push(`${f}: the stable path does not lead to the current release`);
    }
  }
  v.ok = v.problems.length === 0;
  return v;
}

/** sha256 of a file's bytes, streamed; null when it is missing or a directory. */
export async function hashFile(path: string): Promise<string | null> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR") return null;
    throw err;
  }
  return hash.digest("hex");
}
