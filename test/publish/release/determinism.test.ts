/** Same inputs + SOURCE_DATE_EPOCH ⇒ the same bytes, across processes and time zones. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { binAsync, ROOT } from "../../helpers/cli.js";
import { tempDir } from "../../helpers/fixtures.js";

const FILES = ["indicators.csv", "indicators.json", "datapackage.json", "validation.json", "rejects.csv", "changes.json", "summary.pdf"];

describe("determinism", () => {
  it("two processes in two time zones write byte-identical releases, of every pipeline", async () => {
    // The two processes run side by side: they share nothing but the inputs they read.
    const outs = await Promise.all(
      ["UTC", "Asia/Tokyo"].map(async (tz) => {
        const out = tempDir();
        const r = await binAsync(["run", "--all", "--out", out], { env: { TZ: tz, SOURCE_DATE_EPOCH: "1572000000", LANG: tz === "UTC" ? "C" : "ja_JP.UTF-8" } });
        expect(r.status, r.stderr).toBe(0);
        return out;
      }),
    );
    const ids = readdirSync(join(ROOT, "pipelines"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(ids).toContain("china-kenya-digital-economy");
    // Every release's files, and the catalogue site over them.
    const files = [...ids.flatMap((id) => [...FILES.map((f) => `${id}/${f}`), `${id}/index.html`]), "index.html", "catalog.json", "feed.xml"];
    for (const f of files) expect(readFileSync(join(outs[0]!, f)).equals(readFileSync(join(outs[1]!, f))), f).toBe(true);
    const dp = JSON.parse(readFileSync(join(outs[0]!, "china-kenya-digital-economy", "datapackage.json"), "utf8"));
    expect(dp.created).toBe("2019-10-25T10:40:00Z");
    expect(dp.version).toMatch(/^20191025T104000Z-[0-9a-f]{8}$/);
  });
});
