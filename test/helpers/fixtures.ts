import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A temporary folder removed after the test. */
export function tempDir(prefix = "openfigures-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes raw files for one pipeline into a fresh raw folder; returns {raw, out}. */
export function rawFolder(pipelineId: string, files: Record<string, string | Buffer>): { raw: string; out: string } {
  const root = tempDir();
  const dir = join(root, "raw", pipelineId);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { raw: join(root, "raw"), out: join(root, "out") };
}
