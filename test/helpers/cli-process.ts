/**
 * The real CLI in a child process (bin/openfigures.js, running the TypeScript source through
 * tsx), for tests of what only separate processes show: locks, signals, exit codes. Waiting is
 * by polling for a condition with a generous deadline, never by fixed sleeps, so a loaded
 * 2-core machine makes the tests slower, not flaky.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ROOT } from "./cli.js";

const TEST_REGISTRY = fileURLToPath(new URL("../fixtures/scheduler/registry.ts", import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** The JSON lines printed so far (scheduler events). */
  events(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ["bin/openfigures.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", OPENFIGURES_REGISTRY: TEST_REGISTRY, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on("close", (code, signal) => res({ code, signal })));
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    events: () =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
  };
}

export async function runCli(args: string[], env: Record<string, string> = {}) {
  const p = startCli(args, env);
  const { code } = await p.exited;
  return { code, pid: p.pid, stdout: p.stdout(), stderr: p.stderr() };
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 45_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
