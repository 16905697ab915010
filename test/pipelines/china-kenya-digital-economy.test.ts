/**
 * End to end: the seed pipeline on the bundled raw data, compared with golden files, plus the
 * figures that matter asserted one by one. Regenerate the golden files after an intended change
 * with `UPDATE_GOLDEN=1 npx vitest run test/pipelines`, and review the diff.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pipeline from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import { runPipeline, type RunResult } from "../../src/index.js";
import { GOLDEN_FILES, expectGolden } from "../helpers/golden.js";
import { expectIssues } from "../helpers/issues.js";

const ID = "china-kenya-digital-economy";
const root = new URL("../../", import.meta.url).pathname;

type Row = Record<string, string>;
let result: RunResult;
let outDir: string;
let rows: Row[];

function find(country: string, indicator: string, method = "reported"): Row[] {
  return rows.filter((r) => r.country === country && r.indicator === indicator && r.method === method);
}

describe(`pipeline ${ID}`, () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "openfigures-e2e-"));
    result = await runPipeline(pipeline, { rawDir: join(root, "data", "raw"), outDir, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    rows = parse(readFileSync(join(outDir, ID, "indicators.csv")), { columns: true }) as Row[];
  });

  it("runs cleanly on the bundled data", () => {
    expect(result.status).toBe("succeeded");
    expect(result.summary.errors).toBe(0);
    expect(result.inputs.map((i) => [i.file, i.rowsIn, i.rowsPublished, i.rowsRejected])).toEqual([
      ["sources.csv", 3, 3, 0],
      ["figures.csv", 11, 11, 0],
    ]);
  });

  it("flags, without rejecting, the report's implausible and disagreeing figures", () => {
    expectIssues(result, [
      ["CHECK_PART_EXCEEDS_WHOLE", "figures.csv", 3, "value"],
      ["CHECK_CONCEPT_GAP", "figures.csv", 8, "value"],
      ["CHECK_SHARE_MISMATCH", "figures.csv", 8, "value"],
    ]);
    expect(result.issues.every((i) => i.severity === "warning")).toBe(true);
    expect(result.issues[0]!.message).toContain("mobile_internet_users 871 million against internet_users 829 million");
    expect(result.issues[1]!.message).toContain("internet_penetration 83% (xinhua-2019-10-25, line 8) and internet_users_share 19.5% (wb-wdi-it-net-user-zs-2022-05, line 11)");
    expect(result.issues[2]!.message).toContain("= 88.9%, but differs by 5.9 points");
  });

  it("publishes the seven figures of the Xinhua report in base units, with their quotes", () => {
    const xinhua = rows.filter((r) => r.source_ids === "xinhua-2019-10-25" && r.method === "reported");
    expect(xinhua.map((r) => [r.country, r.indicator, r.period, r.value, r.unit, r.value_as_printed])).toEqual([
      ["CHN", "ecommerce_transactions", "2018", "4400000000000", "USD", "4.4 trillion"],
      ["CHN", "internet_users", "2018-12", "829000000", "persons", "829 million"],
      ["CHN", "mobile_internet_users", "2018-12", "871000000", "persons", "871 million"],
      ["KEN", "broadband_share", "2018-12", "47.9", "percent", "47.9 percent"],
      ["KEN", "data_subscriptions", "2018-12", "45700000", "subscriptions", "45.7 million"],
      ["KEN", "ict_sector_growth", "2018", "12.9", "percent", "12.9%"],
      ["KEN", "internet_penetration", "2018-12", "83", "percent", "83.0%"],
    ]);
    for (const r of xinhua) expect(r.quote).toContain(r.value_as_printed);
  });

  it("derives broadband subscriptions, internet users and e-commerce per netizen, citing every input", () => {
    expect(find("KEN", "broadband_subscriptions", "derived")).toMatchObject([
      { period: "2018-12", value: "21890300", source_ids: "xinhua-2019-10-25", formula: "data_subscriptions * broadband_share / 100" },
    ]);
    const users = ["KEN", "CHN"].map((c) => find(c, "internet_users", "derived")[0]);
    expect(users.map((r) => [r?.period, r?.value, r?.source_ids])).toEqual([
      ["2018", "10021551", "wb-wdi-it-net-user-zs-2022-05;wb-wdi-sp-pop-totl-2022-05"],
      ["2018", "830433920", "wb-wdi-it-net-user-zs-2022-05;wb-wdi-sp-pop-totl-2022-05"],
    ]);
    expect(find("CHN", "ecommerce_per_internet_user", "derived")).toMatchObject([
      { period: "2018-12", value: "5307.6", unit: "USD per person", derived_from: "ecommerce_transactions CHN 2018;internet_users CHN 2018-12" },
    ]);
  });

  it("keeps the World Bank context figures with their vintage", () => {
    expect(find("KEN", "internet_users_share")).toMatchObject([{ value: "19.5", source_ids: "wb-wdi-it-net-user-zs-2022-05" }]);
    expect(find("KEN", "population")).toMatchObject([{ value: "51392570", source_ids: "wb-wdi-sp-pop-totl-2022-05" }]);
  });

  it.each(GOLDEN_FILES)("%s matches its golden file byte for byte", (file) => expectGolden(outDir, ID, file));
});
