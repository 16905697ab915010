/**
 * `openfigures site`: rebuilds the site of an out folder; its options, lines, JSON and exit
 * codes (0 written, 1 a dataset unreadable, 2 usage or no folder, 3 a page left to a run
 * holding its lock). It needs no registry: the pipelines are read from what is published.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../../src/lock/lock.js";
import { bin, cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { PIPELINE, QUOTE_ROWS, siteFolder } from "../helpers/site.js";

const NO_REGISTRY = async () => {
  throw new Error("site must not load the pipeline registry");
};

describe("openfigures site", () => {
  it("rebuilds every page, catalog.json and feed.xml, and says what it wrote", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const r = await cli(["site", "--out", s.out, "--base-url", "https://data.example.org/open"], NO_REGISTRY);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")).toEqual([
      `site: ${s.out}`,
      "  base URL https://data.example.org/open/",
      `  1 dataset in the catalogue: ${PIPELINE}`,
      `  ✔ wrote ${PIPELINE}/index.html, index.html, catalog.json, feed.xml`,
    ]);
    const again = await cli(["site", "--out", s.out, "--base-url", "https://data.example.org/open/", "--json"], NO_REGISTRY);
    expect(JSON.parse(again.out)).toEqual({
      out: s.out,
      baseUrl: "https://data.example.org/open/",
      datasets: [PIPELINE],
      written: [],
      unchanged: [`${PIPELINE}/index.html`, "index.html", "catalog.json", "feed.xml"],
      skipped: [],
      problems: [],
    });
  });

  it("is written by run, which says so", async () => {
    const s = siteFolder();
    writeFileSync(join(s.raw, PIPELINE, "figures.csv"), `country,indicator,period,value,unit,source_id,quote\n${QUOTE_ROWS.join("\n")}\n`);
    const r = await cli(["run", PIPELINE, "--raw", s.raw, "--out", s.out], [s.pipeline]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`  site: wrote ${PIPELINE}/index.html, index.html, catalog.json, feed.xml to ${s.out}`);
    const again = await cli(["run", PIPELINE, "--raw", s.raw, "--out", s.out], [s.pipeline]);
    expect(again.out).not.toContain("site:");
  });

  it("leaves a page to the run holding its pipeline's lock, and exits 3", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const held = await acquireLock(join(s.out, PIPELINE), { runId: "20261205T000000Z-abcdef", trigger: "scheduled", scheduledFor: null, attempt: 1, command: "openfigures schedule" });
    if (!held.ok) throw new Error("could not take the lock");
    try {
      const r = await cli(["site", "--out", s.out], NO_REGISTRY);
      expect(r.code).toBe(3);
      expect(r.out).toContain(`  – ${PIPELINE}: page not rebuilt: scheduled run 20261205T000000Z-abcdef (openfigures schedule, pid ${process.pid} on `);
      expect(r.out).toContain("holds the pipeline's lock; that run rewrites the page if it publishes");
      expect(r.out).toContain("  ✔ unchanged index.html, catalog.json, feed.xml");
    } finally {
      await held.lock.release();
    }
  });

  it("names a dataset whose files cannot be read, lists the others, and exits 1", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const other = join(s.out, "broken-figures");
    mkdirSync(other);
    writeFileSync(join(other, "releases.json"), "garbage");
    const r = await cli(["site", "--out", s.out], NO_REGISTRY);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`  1 dataset in the catalogue: ${PIPELINE}`);
    expect(r.out).toContain(`  ✘ broken-figures: ${join(other, "releases.json")}: not valid JSON`);
  });

  it("refuses a bad base URL, a missing folder and pipeline ids, with exit code 2", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const bad = await cli(["site", "--out", s.out, "--base-url", "data.example.org"], NO_REGISTRY);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      'openfigures site: Invalid option --base-url: expected an absolute http(s) URL such as https://data.example.org/ (where <out> is served), got "data.example.org": not a URL',
    );
    const missing = join(tempDir(), "nothing");
    const none = await cli(["site", "--out", missing], NO_REGISTRY);
    expect(none.code).toBe(2);
    expect(none.err).toBe(`openfigures site: no folder ${missing}; publish into it first ("openfigures run"), or name another with --out`);
    const ids = await cli(["site", PIPELINE, "--out", s.out], NO_REGISTRY);
    expect(ids.code).toBe(2);
    expect(ids.err).toContain("site builds the pages of every dataset in the output folder and takes no pipeline ids");
  });

  it("runs as a user runs it, taking the base URL from OPENFIGURES_BASE_URL", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const r = bin(["site", "--out", s.out], { env: { OPENFIGURES_BASE_URL: "https://env.example.org/" } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("  base URL https://env.example.org/");
    expect(JSON.parse(s.read("catalog.json")).base).toBe("https://env.example.org/");
    expect(bin(["help", "site"]).stdout).toMatch(/^Usage: openfigures site \[--out DIR\] \[--base-url URL\] \[--json\]/);
  });
});
