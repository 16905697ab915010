/**
 * The site-wide lock: writers of the catalogue files never interleave, within a process or
 * across processes (the lock is a file), and a lock left by a dead writer is taken over.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { writeCatalogueFiles } from "../../src/site/catalogue-files.js";
import { SITE_LOCK_DIR, withSiteLock } from "../../src/site/lock.js";
import { SiteUrls } from "../../src/site/urls.js";
import { tempDir } from "../helpers/fixtures.js";
import { PIPELINE, QUOTE_ROWS, siteFolder } from "../helpers/site.js";

/** A few turns of the event loop, in which a writer without the lock would get in. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("the site lock", () => {
  it("lets one holder in at a time: no two holders' work interleaves", async () => {
    const out = tempDir();
    const events: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withSiteLock(out, `t${i}`, async () => {
          events.push(`enter ${i}`);
          await turns(20);
          events.push(`exit ${i}`);
        }),
      ),
    );
    expect(events).toHaveLength(16);
    for (let k = 0; k < events.length; k += 2) expect(events[k + 1]).toBe(events[k]!.replace("enter", "exit"));
  });

  it("many writers at once: the three files always come from one writer, complete and parseable", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const writers = Array.from({ length: 12 }, (_, i) => `https://host${i}.example.org/`);
    const outcomes = await Promise.all(writers.map((base) => writeCatalogueFiles(s.out, new SiteUrls(base), {}, "test")));
    expect(outcomes.every((o) => o.problems.length === 0 && o.datasets[0] === PIPELINE)).toBe(true);
    const catalog = JSON.parse(s.read("catalog.json")) as { base: string };
    const feed = s.read("feed.xml");
    const page = s.read("index.html");
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(page).toMatch(/<\/html>\n$/);
    // One writer's set: the same base URL in all three.
    expect(feed).toContain(`<id>${catalog.base}feed.xml</id>`);
    expect(page).toContain(`<link rel="canonical" href="${catalog.base}">`);
  });

  it("takes over a lock left by a process that is not running", async () => {
    const out = tempDir();
    mkdirSync(join(out, SITE_LOCK_DIR));
    const dead = {
      pid: 2 ** 22 + 17,
      processStart: null,
      host: hostname(),
      startedAt: "2026-01-01T00:00:00.000Z",
      runId: "dead",
      trigger: "manual",
      scheduledFor: null,
      attempt: 1,
      command: "openfigures site",
      nonce: "0123456789abcdef",
    };
    writeFileSync(join(out, SITE_LOCK_DIR, ".lock"), `${JSON.stringify(dead)}\n`);
    let ran = false;
    await withSiteLock(out, "t", async () => {
      ran = true;
      const holder = JSON.parse(readFileSync(join(out, SITE_LOCK_DIR, ".lock"), "utf8")) as { pid: number };
      expect(holder.pid).toBe(process.pid);
    });
    expect(ran).toBe(true);
  });
});
