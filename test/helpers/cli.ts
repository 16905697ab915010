/**
 * The CLI as tests run it: in process through main() with captured output, or once in a child
 * process as a user runs it (bin/openfigures.js). Long-lived child processes (locks, signals,
 * the scheduler) are in cli-process.ts.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import type { CommandContext } from "../../src/cli/context.js";
import type { Pipeline } from "../../src/contracts/definition.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A context for main() that collects what a command prints, line by line. */
export function captureContext(registry: readonly Pipeline[] | CommandContext["registry"], extra: Partial<CommandContext> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { out: (t) => out.push(t), err: (t) => err.push(t), registry: typeof registry === "function" ? registry : async () => registry, ...extra };
  return { ctx, out, err };
}

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], registry: readonly Pipeline[] | CommandContext["registry"]): Promise<{ code: number; out: string; err: string }> {
  const { ctx, out, err } = captureContext(registry);
  const code = await main(argv, ctx);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function binEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: "1", ...env };
}

/** Runs the real `openfigures` binary in a child process. */
export function bin(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, "bin", "openfigures.js"), ...argv], {
    cwd: options.cwd ?? ROOT,
    env: binEnv(options.env),
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** As bin(), without blocking: for tests that run several processes side by side. */
export function binAsync(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, "bin", "openfigures.js"), ...argv], { cwd: options.cwd ?? ROOT, env: binEnv(options.env), stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
