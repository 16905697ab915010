import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Observation, PublishedRow } from "../../../src/contracts/rows.js";
import { csvCellsOf, csvLine } from "../../../src/format/csv.js";
import { Differ, ROWS_INDEX, V2_FIELDS } from "../../../src/publish/release/diff.js";
import type { ChangeSet } from "../../../src/contracts/changes.js";
import { escapeField } from "../../../src/stream/record-codec.js";
import { OBSERVATION_FIELDS } from "../../../src/format/fields.js";
import { publishedRow, observation } from "../../helpers/publish.js";
import { LineWriter } from "../../../src/stream/line-file.js";
import { tempDir } from "../../helpers/fixtures.js";

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
  const before = [observation(tricky), observation({ ...tricky, indicator: "population", period: "2018", value: 51390000 }), observation({ country: "CHN", sourceIds: ["src-b,c"] })];
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
      {
        country: "KEN",
        indicator: "data_subscriptions",
        period: "2018-12",
        method: "reported",
        source_ids: 'src "a", part 2',
        old: 45700000,
        new: 46000000,
        relativeChange: 300000 / 45700000,
        fields: ["value"],
      },
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

describe("Differ: a release whose columns differ from the previous one's", () => {
  const three = [observation(), observation({ country: "CIV", indicator: "population", period: "2018", value: 25069229, line: 3 }), observation({ country: "UGA", line: 4 })];
  const NEW = ["source_file", "source_line", "source_column"];

  /** A release as one made before issue 12 left it: 13 columns, a `.rows-v2` index without them. */
  async function oldRelease(observations: Observation[], index: boolean): Promise<string> {
    const folder = tempDir("openfigures-diff-");
    const published = rows(observations);
    const old = (csv: string) => csvLine(csvCellsOf(csv).slice(0, V2_FIELDS.length));
    writeFileSync(join(folder, "indicators.csv"), [csvLine([...V2_FIELDS]), ...published.map((r) => old(r.csv))].map((l) => `${l}\n`).join(""));
    if (index) writeFileSync(join(folder, ".rows-v2"), published.map((r) => `${r.key}\u0001${escapeField(old(r.csv))}\n`).join(""));
    return folder;
  }

  it.each([
    ["its .rows-v2 index", true],
    ["its CSV", false],
  ])("reads the previous columns from %s: the new ones are added, no row changed for them alone", async (_, index) => {
    const folder = await oldRelease(three, index);
    const c = await diff(folder, three);
    expect(c.fields).toEqual({ added: NEW, removed: [] });
    expect(c.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
  });

  it("still finds a value that moved, compared on the columns both have", async () => {
    const folder = await oldRelease(three, true);
    const c = await diff(folder, [three[0]!, { ...three[1]!, value: 25100000 }, three[2]!]);
    expect(c.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 2 });
    expect(c.changed).toEqual([expect.objectContaining({ country: "CIV", old: 25069229, new: 25100000, fields: ["value"] })]);
  });

  it("a release of the same columns adds and removes none, and its index starts with them", async () => {
    const folder = await release(three);
    expect((await diff(folder, three)).fields).toEqual({ added: [], removed: [] });
    expect(readFileSync(join(folder, ROWS_INDEX), "utf8").split("\n")[0]).toBe(["#columns", ...OBSERVATION_FIELDS.map((f) => f.name)].join("\u0001"));
  });
});

describe("Differ: a figure's place", () => {
  it("is not a change: a figure read from another line (a row inserted above it) is unchanged", async () => {
    const before = [observation(), observation({ country: "CIV", line: 3 })];
    const folder = await release(before);
    const c = await diff(folder, [observation({ line: 5 }), observation({ country: "CIV", line: 6, column: "2018" })]);
    expect(c.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 });
  });
});
