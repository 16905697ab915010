/**
 * Verifying a release: recompute the sha256 and size of every file its datapackage.json lists
 * and compare; check the stable paths lead into the current release. Returns what it found;
 * the CLI decides the exit code.
 */
import { readFile, readlink, stat } from "node:fs/promises";
import { join } from "node:path";
import { hashFile } from "../pipeline/fingerprint.js";
import type { Pipeline } from "../pipeline/types.js";
import { CURRENT_LINK, RELEASES_DIR } from "./layout.js";
import { currentRelease } from "./release.js";

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

export async function verifyRelease(pipeline: Pipeline, outDir: string, releaseId?: string): Promise<Verification> {
  const dir = join(outDir, pipeline.id);
  const release = releaseId ?? (await currentRelease(dir));
  const v: Verification = { pipeline: pipeline.id, release, ok: false, files: [], problems: [] };
  if (release === null) {
    v.problems.push(`no current release in ${dir}`);
    return v;
  }
  const folder = join(dir, RELEASES_DIR, release);
  const dpFile = pipeline.outputs.find((o) => o.type === "datapackage")?.file ?? "datapackage.json";
  let resources: { path: string; bytes: number; hash: string }[];
  try {
    resources = (JSON.parse(await readFile(join(folder, dpFile), "utf8")) as { resources: typeof resources }).resources;
  } catch (err) {
    v.problems.push(`cannot read ${join(folder, dpFile)}: ${(err as Error).message}`);
    return v;
  }
  for (const r of resources) {
    const expected = { bytes: r.bytes, sha256: r.hash.replace(/^sha256:/, "") };
    let actual: FileCheck["actual"] = null;
    // Streamed: a published CSV can be hundreds of megabytes.
    const path = join(folder, r.path);
    const size = await stat(path).then((s) => (s.isFile() ? s.size : null), () => null);
    const sha256 = size === null ? null : await hashFile(path).catch(() => null);
    if (size !== null && sha256 !== null) actual = { bytes: size, sha256 };
    else v.problems.push(`${r.path}: missing from release ${release}`);
    const ok = actual !== null && actual.bytes === expected.bytes && actual.sha256 === expected.sha256;
    if (actual !== null && !ok) {
      v.problems.push(`${r.path}: expected ${expected.bytes} bytes with sha256 ${expected.sha256}, found ${actual.bytes} bytes with sha256 ${actual.sha256}`);
    }
    v.files.push({ file: r.path, ok, expected, actual });
  }
  if (releaseId === undefined) {
    for (const f of [...resources.map((r) => r.path), dpFile]) {
      const link = await readlink(join(dir, f)).catch(() => null);
      if (link !== join(CURRENT_LINK, f)) v.problems.push(`${f}: the stable path does not lead to the current release`);
    }
  }
  v.ok = v.problems.length === 0;
  return v;
}
