/** docs/scheduling.md's examples: the declared schedule is valid and the commands that the
 *  systemd unit and the Kubernetes CronJob run work (with the output folder moved to a temp dir). */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import type { CommandContext } from "../src/cli/context.js";
import { loadRegistry } from "../src/pipeline/registry.js";
import type { ScheduleDefinition } from "../src/contracts/definition.js";
import { scheduleProblems } from "../src/pipeline/cron.js";
import { readLedger } from "../src/scheduler/ledger.js";
import { captureContext } from "./helpers/cli.js";
import { waitFor } from "./helpers/cli-process.js";
import { tempDir } from "./helpers/fixtures.js";
import { docPage } from "./helpers/docs.js";

const section = docPage("docs/scheduling.md");

function cliArgs(line: string): string[] {
  return line
    .slice(line.indexOf("dist/src/cli/bin.js") + "dist/src/cli/bin.js".length)
    .trim()
    .split(/\s+/);
}

/** Starts the command in process with the real registry; its --out is moved to a temp folder. */
function runAsDocumented(args: string[], extra: Partial<CommandContext> = {}) {
  const out = tempDir("openfigures-docs-");
  const moved = args.map((a, i) => (args[i - 1] === "--out" ? out : a));
  const { ctx, out: lines } = captureContext(() => loadRegistry(), extra);
  return { code: main(moved, ctx), out, lines };
}

describe("docs/scheduling.md", () => {
  it("the schedule declaration example is valid", () => {
    const literal = /```ts\nschedule: (\{[\s\S]*?\n\}),\n```/.exec(section)![1]!;
    const schedule = new Function(`return (${literal});`)() as ScheduleDefinition;
    expect(schedule).toEqual({ cron: "0 6 * * 1", timezone: "Africa/Nairobi", catchUp: true, retries: { attempts: 3, backoffSeconds: 300 }, fetch: true });
    expect(scheduleProblems(schedule)).toEqual([]);
  });

  it("the systemd service's command runs the pipeline as its scheduled run", async () => {
    const exec = /^ExecStart=(.*run china-kenya.*)$/m.exec(section)![1]!;
    const r = runAsDocumented(cliArgs(exec));
    expect(await r.code).toBe(0);
    const [record] = (await readLedger(join(r.out, "china-kenya-digital-economy"))).records;
    expect(record).toMatchObject({ trigger: "scheduled", outcome: "succeeded", exitCode: 0 });
  });

  it("the CronJob's args run the pipeline as its scheduled run", async () => {
    const args = JSON.parse(/^\s+args: (\[.*\])$/m.exec(section)![1]!) as string[];
    expect(args).toEqual(["run", "china-kenya-digital-economy", "--scheduled", "--out", "/data/out"]);
    expect(await runAsDocumented(args).code).toBe(0);
  });

  it("the line printed for a .lock that is a directory is the one shown", async () => {
    const shown = /\*\*Not a file where one should be\.\*\*[\s\S]*?```\n(openfigures status: .*)\n```/.exec(section)![1]!;
    const out = tempDir("openfigures-docs-");
    mkdirSync(join(out, "china-kenya-digital-economy", ".lock"), { recursive: true });
    const { ctx, err } = captureContext(() => loadRegistry());
    expect(await main(["status", "china-kenya-digital-economy", "--out", out], ctx)).toBe(1);
    expect(err).toEqual([shown.replace("/srv/out", out)]);
  });

  it("the scheduler service's command starts, and stops with exit 0 on SIGTERM", async () => {
    const exec = /`ExecStart=(\/usr\/bin\/node dist\/src\/cli\/bin\.js schedule [^`]*)`/.exec(section)![1]!;
    let stop: ((signal: string) => void) | undefined;
    const r = runAsDocumented(cliArgs(exec), {
      onSignal: (h) => {
        stop = h;
        return () => undefined;
      },
    });
    await waitFor("the scheduler to start", () => r.lines.some((l) => l.includes('"event":"catch-up"')));
    stop!("SIGTERM");
    expect(await r.code).toBe(0);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ event: "started", pipelines: ["china-kenya-digital-economy"], graceSeconds: 60 });
  });
});
