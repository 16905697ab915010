import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { main, type CommandContext } from "../../src/cli/main.js";
import type { Pipeline } from "../../src/pipeline/types.js";

export const ROOT = new URL("../../", import.meta.url).pathname;

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], registry: readonly Pipeline[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { out: (t) => out.push(t), err: (t) => err.push(t), registry: async () => registry };
  const code = await main(argv, ctx);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Runs the real `openfigures` binary in a child process. */
export function bin(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [`${ROOT}bin/openfigures.js`, ...argv], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    timeout: 60_000,
  });
}
