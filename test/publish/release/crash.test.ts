/**
 * Crash safety: a run killed with SIGKILL at any moment leaves the current release complete and
 * byte-identical to before (or, once switched, the new release complete); the next run finds
 * and removes what the killed run left, and says so.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Random } from "../../../bench/prng.js";
import { runPipeline } from "../../../src/index.js";
import { CRASH_POINTS } from "../../../src/publish/release/crash.js";
import { verifyRelease } from "../../../src/publish/release/verify.js";
import { ROOT } from "../../helpers/cli.js";
import { waitFor } from "../../helpers/cli-process.js";
import { rawFolder } from "../../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../../helpers/pipeline.js";

const CHILD = join(ROOT, "test", "helpers", "run-child.ts");
const pipeline = testPipeline({ derivations: [] });

function rows(n: number, tag: string): string {
  const r: string[] = [];
  for (let i = 0; i < n; i++) r.push(`KEN,population,${1000 + i},${i + 1} thousand,persons,src-b,"${tag} row ${i}, with a comma"`);
  return figuresCsv(r);
}

const SOURCE_DATE_EPOCH = "1572000000";

/**
 * The random kills are drawn from a seed, printed before they start and named in every
 * assertion, so a failure can be replayed with the same delays:
 * `OPENFIGURES_CRASH_SEED=<seed> npx vitest run test/publish/release/crash.test.ts`. (The same
 * delays land on the same moments only as far as the machine runs at the same speed.)
 */
function crashSeed(text: string | undefined): number {
  if (text === undefined || text === "") return randomInt(2 ** 31);
  if (!/^\d+$/.test(text) || Number(text) >= 2 ** 32) throw new Error(`OPENFIGURES_CRASH_SEED: expected a whole number below 2^32, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** A run that is not killed needs no process of its own: run it here, as the child would. */
async function run(raw: string, out: string) {
  const result = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH } });
  expect(result.exitCode, JSON.stringify(result.issues)).toBe(0);
  return result;
}

/** A run killed with SIGKILL at a crash point, in a child process (test/helpers/run-child.ts). */
function killedChild(raw: string, out: string, crashAt: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, SOURCE_DATE_EPOCH, OPENFIGURES_CRASH_AT: crashAt };
  return spawnSync(process.execPath, ["--import", "tsx", CHILD, raw, out], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
}

/** The stable paths show one complete release: every file listed by its datapackage, intact. */
async function stableState(out: string, dir: string): Promise<string | null> {
  if (!existsSync(join(dir, "current"))) {
    expect(existsSync(join(dir, "indicators.csv"))).toBe(false);
    return null;
  }
  const v = await verifyRelease(pipeline, out);
  expect(v.problems).toEqual([]);
  return readFileSync(join(dir, "indicators.csv"), "utf8");
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith("."));
}

// Every killed run also leaves its workspace (.work-<run id>), which the next run removes too.
const EXPECT_RECOVERY: Record<string, RegExp | null> = {
  "before-staging": /^removed \.work-\S+, left by an interrupted run$/,
  "data-written": /^removed \.staging-/,
  "partial-file": /^removed \.staging-/,
  staged: /^removed \.staging-/,
  // A release moved into releases/ is complete: it is kept and catalogued, never deleted (the
  // run then publishes its own, as the current release is still the earlier one).
  "release-moved": /^added release \S+ to releases\.json: its files match its release\.json, but releases\.json did not list it$/,
  "current-switched": /^recorded release \S+ in releases\.json$/,
  "links-updated": /^recorded release \S+ in releases\.json$/,
  "index-written": /^removed \.work-\S+, left by an interrupted run$/,
};

describe("SIGKILL during publishing", () => {
  it("killed at each point of publishing: the stable paths show a complete earlier or later release, and the next run cleans up", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": rows(300, "v0"), "sources.csv": SOURCES_CSV });
    const dir = join(out, "test-figures");
    await run(raw, out);
    for (const [n, point] of CRASH_POINTS.entries()) {
      const before = await stableState(out, dir);
      const beforeRelease = readlinkSync(join(dir, "current"));
      writeFileSync(join(raw, "test-figures", "figures.csv"), rows(300, `v${n + 1}`));

      const killed = killedChild(raw, out, point);
      expect(killed.signal, point).toBe("SIGKILL");
      const after = await stableState(out, dir);
      const switched = ["current-switched", "links-updated", "index-written"].includes(point);
      if (switched) expect(after, point).toContain(`v${n + 1} row 0`);
      else {
        expect(after, point).toBe(before);
        expect(readlinkSync(join(dir, "current"))).toBe(beforeRelease);
      }

      const result = await run(raw, out);
      const expected = EXPECT_RECOVERY[point];
      if (expected)
        expect(
          result.recovered.some((line: string) => expected.test(line)),
          `${point}: ${JSON.stringify(result.recovered)}`,
        ).toBe(true);
      else expect(result.recovered, point).toEqual([]);
      expect(result.status, point).toBe(switched ? "up-to-date" : "succeeded");
      expect(await stableState(out, dir)).toContain(`v${n + 1} row 0`);
      expect(leftovers(dir), point).toEqual([]);
      const index = JSON.parse(readFileSync(join(dir, "releases.json"), "utf8"));
      expect(index.releases.map((r: { id: string }) => r.id).sort(), point).toEqual(readdirSync(join(dir, "releases")).sort());
    }
  }, 300_000);

  it("killed at random moments while it publishes: never a mix, never a part", async () => {
    const seed = crashSeed(process.env.OPENFIGURES_CRASH_SEED);
    const random = new Random(seed);
    console.log(`crash test: random kills from seed ${seed} (replay with OPENFIGURES_CRASH_SEED=${seed})`);
    const { raw, out } = rawFolder("test-figures", { "figures.csv": rows(4000, "v0"), "sources.csv": SOURCES_CSV });
    const dir = join(out, "test-figures");
    await run(raw, out);
    const recoveredRounds: number[] = [];
    for (let round = 1; round <= 4; round++) {
      const before = readFileSync(join(dir, "indicators.csv"), "utf8");
      writeFileSync(join(raw, "test-figures", "figures.csv"), rows(4000, `v${round}`));
      const child = spawn(process.execPath, ["--import", "tsx", CHILD, raw, out], { cwd: ROOT, env: { ...process.env, OPENFIGURES_CRASH_AT: "" }, stdio: "ignore" });
      let gone = false;
      const exited = new Promise<void>((done) =>
        child.on("exit", () => {
          gone = true;
          done();
        }),
      );
      // Start-up (tsx) takes longer than the run itself, so a fixed sleep would mostly kill the
      // process before it publishes anything. Wait until the run has started (its .work- folder)
      // or has started staging, then kill after a random delay: odd rounds land in ingest,
      // validation or staging, even rounds in staging or in the switch to the new release.
      const [prefix, spanMs] = round % 2 === 1 ? [".work-", 400] : [".staging-", 1200];
      const seen = await waitFor(`${prefix} folder`, () => (gone ? "exited" : readdirSync(dir).some((n) => n.startsWith(prefix)) && "started"), 45_000, 5);
      expect(seen, `seed ${seed}, round ${round}: ${prefix} folder before the run ended`).toBe("started");
      const delayMs = random.int(spanMs);
      const what = `seed ${seed}, round ${round}: killed ${delayMs} ms after ${prefix} appeared`;
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill("SIGKILL");
      await exited;

      const after = await stableState(out, dir);
      if (after !== before) expect(after, what).toContain(`v${round} row 0`);
      if ((await run(raw, out)).recovered.length > 0) recoveredRounds.push(round);
      expect(await stableState(out, dir), what).toContain(`v${round} row 0`);
      expect(leftovers(dir), what).toEqual([]);
    }
    // The kills land while the run is under way, not before it starts or after it ends.
    expect(recoveredRounds.length, `seed ${seed}`).toBeGreaterThan(0);
  }, 300_000);
});
