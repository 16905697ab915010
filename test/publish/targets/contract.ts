/**
 * The contract every target a pipeline can choose (src/publish/targets/index.ts) meets. Each such
 * target's own test file calls `publishTargetContract(make)` and then adds its own cases; the
 * files the runner adds itself (changes, rejects, validation report) are tested through runs.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PublishTarget } from "../../../src/contracts/target.js";
import { context, observation, render } from "../../helpers/publish.js";

export function publishTargetContract(make: () => PublishTarget): void {
  describe("publish target contract", () => {
    it("is named after its file in src/publish/targets/ and writes a plain file name", () => {
      const t = make();
      expect(t.type).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(existsSync(new URL(`../../../src/publish/targets/${t.type}.ts`, import.meta.url))).toBe(true);
      expect(t.file).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/);
      expect(["data", "meta"]).toContain(t.phase);
    });

    it("writes the same bytes for the same context", async () => {
      const a = await render(make());
      const b = await render(make());
      expect(a.bytes.length).toBeGreaterThan(0);
      expect(a.bytes.equals(b.bytes)).toBe(true);
    });

    it("reports rows for data targets and null for meta targets", async () => {
      const t = make();
      const { rows } = await render(t);
      expect(rows).toBe(t.phase === "data" ? 2 : null);
    });

    it("writes the same bytes whatever the batch size", async () => {
      const obs = Array.from({ length: 7 }, (_, i) => observation({ period: String(2010 + i), value: i + 0.5 }));
      const one = await render(make(), context({ observations: obs }), 1);
      const many = await render(make(), context({ observations: obs }), 100);
      expect(one.bytes.equals(many.bytes)).toBe(true);
    });

    it("writes an empty release without failing", async () => {
      const { bytes } = await render(make(), context({ observations: [] }));
      expect(bytes.length).toBeGreaterThan(0);
    });
  });
}
