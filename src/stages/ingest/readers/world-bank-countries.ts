/**
 * Entities from the World Bank's country metadata file (`Metadata_Country_API_…csv`, in the same
 * zip as the bulk file): `Country Code, Region, IncomeGroup, SpecialNotes, TableName`.
 *
 * Data quirks:
 * - An empty Region marks an aggregate (WLD, AFE, HIC, …); every economy has one, including
 *   Kosovo (XKX) and the Channel Islands (CHI), which are not in ISO 3166.
 * - Groups are named, not coded: a country's Region is "Sub-Saharan Africa", its IncomeGroup
 *   "High income". The group's code is that of the aggregate row whose TableName is that
 *   name (SSF, HIC). A group name without such a row is reported, not guessed.
 * - IncomeGroup may be empty for an economy (Venezuela, unclassified since 2021): it is in
 *   its region and in no income group.
 * - SpecialNotes holds line breaks (LF) inside quoted cells while records end in CRLF: the
 *   entity's line is the line where its record starts.
 * - The World (WLD by default) has every economy as a member.
 * - The file has no date of its own: a source declared here is published without one unless
 *   it says `published`.
 */
import { FILE_DIALECT_KEYS } from "../dialect.js";
import { countReject, idReject, isBlank, regex, resolveColumns, unnamedReject, type ColumnLayout } from "./columns.js";
import { sourceFacts, type SourceOption, type EntitiesRead, type EntitiesReader, type EntityRow, type LayoutProblem } from "../../../contracts/reader.js";
import { sourceProblems, unknownKeys } from "./options.js";
import type { Entity } from "../../../figures/entities.js";
import { WORLD_BANK_CODE } from "./world-bank.js";

export interface WorldBankCountriesOptions {
  /** The aggregate that holds every economy (default "WLD"); null: none. */
  readonly world?: string | null;
  /** The source of the classification (regions, income groups), by id or declared here: the
   *  aggregates computed over its groups cite it beside their members' sources. */
  readonly source?: SourceOption;
}

export interface WorldBankCountriesPlan {
  readonly layout: ColumnLayout;
  readonly code: number;
  readonly region: number;
  readonly income: number;
  readonly name: number;
  readonly notes: number | null;
}

const COLUMNS = { code: "Country Code", region: "Region", income: "IncomeGroup", notes: "SpecialNotes", name: "TableName" } as const;

export function worldBankCountries(options: WorldBankCountriesOptions = {}): EntitiesReader<WorldBankCountriesPlan> {
  const world = options.world === undefined ? "WLD" : options.world;
  return {
    type: "world-bank-countries",
    role: "entities",
    layout: "entities",
    // The metadata file comes in the same zip as the bulk file, with its byte-order mark.
    dialect: { bom: "expected" },
    dialectKeys: FILE_DIALECT_KEYS,
    cites: options.source ?? null,
    spec: { factory: "worldBankCountries", options },
    problems() {
      const problems = unknownKeys(options, ["world", "source"], "reader");
      // Entities are read before the sources input, so their source is declared here.
      if (typeof options.source === "string")
        problems.push(
          `reader.source: declare the source here ({ id, publisher, title, url, license }); an entities input is read before the sources input, so it cannot cite one of its rows, got ${JSON.stringify(options.source)}`,
        );
      else if (options.source !== undefined) problems.push(...sourceProblems(options.source, "reader.source"));
      if (world !== null && !regex(WORLD_BANK_CODE)!.test(world)) problems.push(`reader.world: expected a World Bank code such as "WLD", or null, got ${JSON.stringify(world)}`);
      return problems;
    },
    header(header, _preamble, dialect) {
      const required = [COLUMNS.code, COLUMNS.region, COLUMNS.income, COLUMNS.name];
      // Columns other than these hold notes, not figures: a later vintage may add some.
      const resolved = resolveColumns(header, { required, ignore: [], isValue: () => false, others: "allow" }, dialect);
      if (!resolved.ok) return resolved;
      const index = resolved.layout.index;
      const plan: WorldBankCountriesPlan = {
        layout: resolved.layout,
        code: index[COLUMNS.code]!,
        region: index[COLUMNS.region]!,
        income: index[COLUMNS.income]!,
        name: index[COLUMNS.name]!,
        notes: index[COLUMNS.notes] ?? null,
      };
      return { ok: true, plan, source: options.source === undefined ? null : sourceFacts(options.source), notes: [] };
    },
    read: readCountry,
    finish: (rows) => groups(rows, world),
  };
}

const BLANK: EntitiesRead = { entities: [], rejects: [], blank: true };

function readCountry(cells: readonly string[], at: { readonly line: number }, plan: WorldBankCountriesPlan): EntitiesRead {
  if (isBlank(cells)) return BLANK;
  const none: number[] = []; // an entities file has no value cells: a reject covers none
  const reject =
    countReject(cells, plan.layout, none) ??
    idReject(cells, plan.code, COLUMNS.code, regex(WORLD_BANK_CODE), none) ??
    idReject(cells, plan.name, COLUMNS.name, null, none) ??
    unnamedReject(cells, plan.layout, none);
  if (reject) return { entities: [], rejects: [reject], blank: false };
  const text = (i: number | null) => (i === null || cells[i]!.trim() === "" ? null : cells[i]!);
  const region = text(plan.region);
  const row: EntityRow = {
    code: cells[plan.code]!,
    name: cells[plan.name]!,
    kind: region === null ? "aggregate" : "country",
    region,
    incomeGroup: text(plan.income),
    notes: text(plan.notes),
    line: at.line,
  };
  return { entities: [row], rejects: [], blank: false };
}

/** Entities in file order; regions, income groups and the World with their members. */
function groups(rows: readonly EntityRow[], world: string | null): { entities: Entity[]; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  const unique: EntityRow[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.code);
    if (first !== undefined) {
      problems.push({ code: "CHECK_NOT_UNIQUE", line: r.line, column: COLUMNS.code, value: r.code, rule: `the code is already defined on line ${first}; the first definition is kept` });
      continue;
    }
    seen.set(r.code, r.line);
    unique.push(r);
  }
  const countries = unique.filter((r) => r.kind === "country");
  const aggregateByName = new Map(unique.filter((r) => r.kind === "aggregate").map((r) => [r.name, r]));
  const group = new Map<string, { kind: Entity["kind"]; members: string[] }>();
  const collect = (kind: "region" | "income-group", name: (r: EntityRow) => string | null, column: string) => {
    for (const c of countries) {
      const n = name(c);
      if (n === null) continue;
      const agg = aggregateByName.get(n);
      if (!agg) {
        if (!problems.some((p) => p.column === column && p.value === n)) {
          problems.push({ code: "CHECK_REFERENCE", line: c.line, column, value: n, rule: `no aggregate row has this TableName, so the group has no code and cannot be derived` });
        }
        continue;
      }
      const g = group.get(agg.code) ?? { kind, members: [] };
      g.members.push(c.code);
      group.set(agg.code, g);
    }
  };
  collect("region", (r) => r.region, COLUMNS.region);
  collect("income-group", (r) => r.incomeGroup, COLUMNS.income);
  if (world !== null) {
    if (!unique.some((r) => r.code === world && r.kind === "aggregate")) {
      problems.push({ code: "CHECK_REFERENCE", line: null, column: COLUMNS.code, value: world, rule: "the World aggregate is not in the file (no row with this code and an empty Region)" });
    } else group.set(world, { kind: "aggregate", members: countries.map((c) => c.code) });
  }
  const entities = unique.map((r): Entity => {
    const g = r.kind === "aggregate" ? group.get(r.code) : undefined;
    return { code: r.code, name: r.name, kind: r.kind === "country" ? "country" : (g?.kind ?? "aggregate"), ...(g ? { members: g.members } : {}), line: r.line };
  });
  return { entities, problems };
}
