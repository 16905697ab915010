import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Observation } from "../../src/pipeline/types.js";
import { csvLine } from "../../src/publish/csv.js";
import { Differ, ROWS_INDEX, type ChangeSet } from "../../src/publish/diff.js";
import { OBSERVATION_FIELDS } from "../../src/publish/fields.js";
import type { PublishedRow } from "../../src/publish/row.js";
import { publishedRow } from "../helpers/publish.js";
import { LineWriter } from "../../src/stream/line-file.js";
import { tempDir } from "../helpers/fixtures.js";
import { observation } from "../helpers/publish.js";

/** Rows in key order, as the publish stage hands them to the differ. */
function rows(observations: Observation[]): PublishedRow[] {
  return observations.map(publishedRow).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A release folder as publish leaves it: the CSV, and the rows index the differ wrote. */
async function release(observations: Observation[]): Promise<string> {
  const folder = tempDir("openfigures-diff-");
  const published = rows(observations);
  writeFileSync(join(folder, "indicators.csv"), [csvLine(OBSERVATION_FIELDS.map((f) => f.name)), ...published.map((r) => r.csv)].map((l) => `${l}\n`).join(""));
  const first = new Differ(null, await LineWriter.create(join(folder, ROWS_INDEX)));
  await first.add(published);
  await first.finish();
  return folder;
}

async function diff(folder: string, observations: Observation[]): Promise<ChangeSet> {
  const differ = new Differ({ folder, id: "before", csvFile: "indicators.csv" }, await LineWriter.create(join(tempDir("openfigures-diff-"), ROWS_INDEX)));
  await differ.add(rows(observations));
  return differ.finish();
}

describe("Differ", () => {
  // Source ids with a comma and a quote make the key's CSV cells quoted; the quote field adds a line break.
  const tricky = { sourceIds: ['src "a", part 2'], quote: 'said "45.7 million",\nthen more' };
  const before = [
    observation(tricky),
    observation({ ...tricky, indicator: "population", period: "2018", value: 51390000 }),
    observation({ country: "CHN", sourceIds: ["src-b,c"] }),
  ];
  const after = [
    observation({ ...tricky, value: 46000000 }),
    observation({ ...tricky, indicator: "population", period: "2018", value: 51390000 }),
    observation({ country: "UGA", sourceIds: ['x"y'] }),
  ];

  it("reads a previous release without a rows index from its CSV, keys with commas and quotes included", async () => {
    const folder = await release(before);
    rmSync(join(folder, ROWS_INDEX));
    expect(existsSync(join(folder, ROWS_INDEX))).toBe(false);
    const c = await diff(folder, after);
    expect(c.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(c.changed).toEqual([
      { country: "KEN", indicator: "data_subscriptions", period: "2018-12", method: "reported", source_ids: 'src "a", part 2', old: 45700000, new: 46000000, relativeChange: 300000 / 45700000, fields: ["value"] },
    ]);
    expect(c.removed).toEqual([{ country: "CHN", indicator: "data_subscriptions", period: "2018-12", method: "reported", source_ids: "src-b,c", value: 45700000 }]);
    expect(c.added).toEqual([{ country: "UGA", indicator: "data_subscriptions", period: "2018-12", method: "reported", source_ids: 'x"y', value: 45700000 }]);
  });

  it("finds the same changes from the CSV as from the rows index", async () => {
    const folder = await release(before);
    const fromIndex = await diff(folder, after);
    rmSync(join(folder, ROWS_INDEX));
    expect(await diff(folder, after)).toEqual(fromIndex);
  });

  it("matches and names keys that hold a backslash, from the rows index and from the CSV", async () => {
    const slash = { sourceIds: ["src\\b"] };
    const folder = await release([observation(slash)]);
    const expected = { counts: { added: 0, removed: 0, changed: 1, unchanged: 0 }, changed: [expect.objectContaining({ source_ids: "src\\b", new: 46000000 })] };
    expect(await diff(folder, [observation({ ...slash, value: 46000000 })])).toMatchObject(expected);
    rmSync(join(folder, ROWS_INDEX));
    expect(await diff(folder, [observation({ ...slash, value: 46000000 })])).toMatchObject(expected);
  });
});
