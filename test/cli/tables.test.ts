/**
 * Table pipelines from the command line, as a user runs them (bin/openfigures.js in a child
 * process, the registry given by OPENFIGURES_REGISTRY): `list` names each input's reader, `run`
 * publishes every cell with its place and prints each input's accounting.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { bin } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { WB_API, WB_COUNTRIES, writeTablesRaw } from "../fixtures/tables/registry.js";

const REGISTRY = fileURLToPath(new URL("../fixtures/tables/registry.ts", import.meta.url));
const env = { OPENFIGURES_REGISTRY: REGISTRY, SOURCE_DATE_EPOCH: "1572000000" };

describe("table pipelines from the CLI", () => {
  it("list names each input's file and reader", () => {
    const r = bin(["list"], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`  inputs:   ${WB_API} (world-bank), ${WB_COUNTRIES} (world-bank-countries)\n`);
    expect(r.stdout).toContain("  inputs:   population.csv (long), cell_phones_total.csv (wide)\n");
  });

  it("run publishes a World Bank file with its entities from the metadata file: aggregates and economies beyond ISO", () => {
    const root = tempDir();
    writeTablesRaw(join(root, "raw"));
    const r = bin(["run", "test-world-bank", "--raw", join(root, "raw"), "--out", join(root, "out"), "--progress", "off"], { env });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`  ${WB_COUNTRIES}: 17 rows in, 17 used, 0 rejected\n`);
    expect(r.stdout).toContain("(0 errors, 0 warnings)");
    expect(r.stdout).toContain(`  ${WB_API}: 8 rows in, 8 published, 0 rejected (values: 31 in, 31 published, 0 rejected, 17 missing)\n`);
    const rows = parse(readFileSync(join(root, "out", "test-world-bank", "indicators.csv")), { columns: true }) as Record<string, string>[];
    expect(rows.filter((x) => ["WLD", "XKX", "CHI", "AFW"].includes(x.country!) && x.period === "2018").map((x) => [x.country, x.country_name, x.value, x.source_line, x.source_column])).toEqual([
      ["AFW", "Africa Western and Central", "29.3383680347089", "6", "2018"],
      ["WLD", "World", "49.3964864258664", "12", "2018"],
      ["XKX", "Kosovo", "89.44303197", "13", "2018"],
    ]);
  });

  it("run publishes a long and a wide table", () => {
    const root = tempDir();
    writeTablesRaw(join(root, "raw"));
    const r = bin(["run", "test-long-wide", "--raw", join(root, "raw"), "--out", join(root, "out")], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("  population.csv: 7 rows in, 7 published, 0 rejected\n");
    expect(r.stdout).toContain("  cell_phones_total.csv: 6 rows in, 6 published, 0 rejected (values: 33 in, 33 published, 0 rejected, 3 missing)\n");
    const rows = parse(readFileSync(join(root, "out", "test-long-wide", "indicators.csv")), { columns: true }) as Record<string, string>[];
    expect(rows.find((x) => x.country === "COD" && x.period === "2018")).toMatchObject({
      country_name: "Congo, Dem. Rep.",
      value: "36500000",
      value_as_printed: "36.5M",
      source_file: "cell_phones_total.csv",
      source_line: "4",
      source_column: "2018",
    });
    expect(rows.find((x) => x.country === "WLD")).toMatchObject({ indicator: "population", value: "7696159728", source_file: "population.csv", source_line: "8", source_column: "Value" });
  });
});
