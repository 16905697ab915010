/** Same inputs + SOURCE_DATE_EPOCH ⇒ the same bytes, across processes and time zones. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bin } from "../../helpers/cli.js";
import { tempDir } from "../../helpers/fixtures.js";

const FILES = ["indicators.csv", "indicators.json", "datapackage.json", "validation.json", "rejects.csv", "changes.json", "summary.pdf"];

describe("determinism", () => {
  it("two processes in two time zones write byte-identical releases", () => {
    const outs = ["UTC", "Asia/Tokyo"].map((tz) => {
      const out = tempDir();
      const r = bin(["run", "--all", "--out", out], { env: { TZ: tz, SOURCE_DATE_EPOCH: "1572000000", LANG: tz === "UTC" ? "C" : "ja_JP.UTF-8" } });
      expect(r.status, r.stderr).toBe(0);
      return join(out, "china-kenya-digital-economy");
    });
    for (const f of FILES) expect(readFileSync(join(outs[0]!, f)).equals(readFileSync(join(outs[1]!, f))), f).toBe(true);
    const dp = JSON.parse(readFileSync(join(outs[0]!, "datapackage.json"), "utf8"));
    expect(dp.created).toBe("2019-10-25T10:40:00Z");
    expect(dp.version).toMatch(/^20191025T104000Z-[0-9a-f]{8}$/);
  });
});
