/**
 * Entities: what a figure is about. A country, or a group of countries: a region, an income
 * group, another aggregate such as the World.
 *
 * ISO 3166-1 alpha-3 countries are known by default (names from i18n-iso-countries, see
 * countries.ts). A pipeline may add its own entities, or take them from a file in its raw folder
 * (the World Bank's country metadata names every economy, region and income group, with
 * Kosovo as XKX and the Channel Islands as CHI, which ISO does not have). A harmonisation table
 * maps the names some sources give instead of codes ("Bahamas, The", "UK") to codes. A code or a
 * name that resolves to nothing is refused with the closest known ones, never guessed.
 *
 * Names: a pipeline's own name for an entity wins (`countryNames`, a declared entity's name),
 * then the name the source row itself gives, then the entities file's, then ISO's — so a World
 * Bank file's "Bahamas, The" is published as the World Bank prints it, not as "The Bahamas".
 */
import { closest, normaliseForMatch } from "./closest.js";
import { countryCodes, countryName, countryNamesAll, isCountryCode } from "./countries.js";

export const ENTITY_KINDS = ["country", "region", "income-group", "aggregate"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** One entity, wherever it comes from: ISO 3166, the pipeline's list, or an entities file (whose
 *  reader gives the line that defines it). */
export interface Entity {
  readonly code: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** A group's member countries (codes), when they are known. */
  readonly members?: readonly string[];
  /** The physical line of the entities file that defines it; absent for the others. */
  readonly line?: number;
}

export interface EntitiesDefinition {
  /** ISO 3166-1 alpha-3 countries are known unless this is false. */
  readonly iso?: boolean;
  /** Entities of the pipeline's own: codes beyond ISO, groups with their members. */
  readonly list?: readonly Entity[];
  /** The name of an input whose reader yields entities (the World Bank country metadata file). */
  readonly from?: string;
  /** Names as sources print them → codes ("Bahamas, The": "BHS", "UK": "GBR"). */
  readonly names?: Readonly<Record<string, string>>;
}

/** An entity code as the pipeline may declare it: letters, digits, "_" and "-", upper case first. */
export const ENTITY_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

export type Resolution = { ok: true; entity: Entity } | { ok: false; rule: string };

export class EntityRegistry {
  private readonly byCode = new Map<string, Entity>();
  private readonly byName = new Map<string, string>();
  private readonly iso: boolean;
  private suggestionsCache = new Map<string, string[]>();

  constructor(
    entities: readonly Entity[],
    private readonly options: { iso?: boolean; names?: Readonly<Record<string, string>>; countryNames?: Readonly<Record<string, string>> } = {},
  ) {
    this.iso = options.iso ?? true;
    // Later entries win: a declared entity replaces a file's, which replaces ISO's.
    for (const e of entities) this.byCode.set(e.code, e);
    for (const [name, code] of Object.entries(options.names ?? {})) this.byName.set(normaliseForMatch(name), code);
  }

  /** The entity of a code, or undefined. */
  get(code: string): Entity | undefined {
    const own = this.byCode.get(code);
    if (own) return own;
    if (this.iso && isCountryCode(code)) {
      const e: Entity = { code, name: countryName(code, this.options.countryNames), kind: "country" };
      this.byCode.set(code, e);
      return e;
    }
    return undefined;
  }

  /** The name to publish for `code`: the pipeline's override, else the source's, else the registry's. */
  nameOf(code: string, sourceName: string | null = null): string {
    const override = this.options.countryNames?.[code];
    if (override !== undefined) return override;
    if (sourceName !== null && sourceName.trim() !== "") return sourceName;
    return this.get(code)?.name ?? code;
  }

  /** The known codes or names closest to an unknown one, as "KEN (Kenya)" or '"Kenya" (KEN)'. */
  closestTo(value: string, by: "code" | "name"): string[] {
    return this.suggest(value, by);
  }

  resolveCode(code: string): Resolution {
    const entity = this.get(code);
    if (entity) return { ok: true, entity };
    const near = this.suggest(code, "code");
    return { ok: false, rule: `unknown entity code${near.length ? `; closest known: ${near.join(", ")}` : ""} (declare it in the pipeline's entities, or map it)` };
  }

  /** A name as a source prints it: the harmonisation table first, then the known names. */
  resolveName(name: string): Resolution {
    const key = normaliseForMatch(name);
    const mapped = this.byName.get(key);
    if (mapped !== undefined) {
      const entity = this.get(mapped);
      if (entity) return { ok: true, entity };
    }
    const byOwnName = this.nameIndex().get(key);
    if (byOwnName) return { ok: true, entity: byOwnName };
    const several = this.ambiguous.get(key);
    if (several)
      return {
        ok: false,
        rule: `entity name ${JSON.stringify(name)} is ambiguous (${[...several].map((c) => `${c}, ${this.get(c)?.name ?? c}`).join("; ")}); map it to one in the pipeline's entities.names`,
      };
    const near = this.suggest(name, "name");
    return { ok: false, rule: `unknown entity name${near.length ? `; closest known: ${near.join(", ")}` : ""} (add it to the pipeline's entities.names)` };
  }

  /** Groups with known members, optionally of some kinds. */
  groups(kinds?: readonly EntityKind[]): Entity[] {
    return [...this.byCode.values()].filter((e) => e.members !== undefined && e.members.length > 0 && (!kinds || kinds.includes(e.kind)));
  }

  /** Every entity declared or read (ISO countries only when asked: there are 249 of them). */
  list(withIso = false): Entity[] {
    const own = [...this.byCode.values()];
    if (!withIso || !this.iso) return own;
    const seen = new Set(own.map((e) => e.code));
    return [
      ...own,
      ...countryCodes()
        .filter((c) => !seen.has(c))
        .map((c) => this.get(c)!),
    ];
  }

  /** Names several entities answer to, with their codes. */
  private readonly ambiguous = new Map<string, Set<string>>();
  /** Normalised name → its entity; null when several entities answer to it. */
  private names: Map<string, Entity | null> | null = null;
  private nameIndex(): Map<string, Entity | null> {
    if (this.names) return this.names;
    this.names = new Map();
    const own = new Set(this.byCode.keys());
    for (const e of this.list(true)) {
      // An ISO country is known by every English name the ISO package has for it ("China" as
      // well as "People's Republic of China"); a declared entity, by its own name.
      const names = own.has(e.code) && !isCountryCode(e.code) ? [e.name] : [e.name, ...countryNamesAll(e.code)];
      for (const name of names) {
        const key = normaliseForMatch(name);
        const seen = this.names.get(key);
        // A name two entities answer to ("Congo") resolves to neither: never a guess.
        if (seen === undefined) this.names.set(key, e);
        else if (seen === null) this.ambiguous.get(key)!.add(e.code);
        else if (seen.code !== e.code) {
          this.names.set(key, null);
          this.ambiguous.set(key, new Set([seen.code, e.code]));
        }
      }
    }
    return this.names;
  }

  private suggest(value: string, by: "code" | "name"): string[] {
    const cacheKey = `${by}\u0000${value}`;
    const cached = this.suggestionsCache.get(cacheKey);
    if (cached) return cached;
    const all = this.list(true);
    let out: string[];
    if (by === "code") {
      const codes = closest(
        value.toUpperCase(),
        all.map((e) => e.code),
      );
      out = codes.map((c) => `${c} (${this.get(c)!.name})`);
    } else {
      // Every name an entity answers to, ISO's other names included ("Congo" finds both Congos).
      const names: { name: string; label: string }[] = [];
      for (const e of all) {
        const own = [e.name, ...(isCountryCode(e.code) ? countryNamesAll(e.code) : [])];
        for (const name of new Set(own)) names.push({ name, label: `"${name}" (${e.code})` });
      }
      for (const [name, code] of Object.entries(this.options.names ?? {})) names.push({ name, label: `"${name}" (${code})` });
      const found = closest(
        value,
        names.map((n) => n.name),
        names.length,
      );
      // closest() gives names; the same name of two entities comes back twice, in order.
      const taken = new Set<string>();
      out = [];
      for (const name of found) {
        const next = names.find((n) => n.name === name && !taken.has(n.label));
        if (next) taken.add(next.label);
        if (next && !out.includes(next.label)) out.push(next.label);
        if (out.length === 3) break;
      }
    }
    if (this.suggestionsCache.size > 10_000) this.suggestionsCache = new Map();
    this.suggestionsCache.set(cacheKey, out);
    return out;
  }
}

/** Problems of a pipeline's entities definition, in words, for DefinitionError. */
export function entitiesProblems(def: EntitiesDefinition | undefined, inputs: ReadonlySet<string>): string[] {
  if (def === undefined) return [];
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const [i, e] of (def.list ?? []).entries()) {
    const at = `entities.list[${i}]`;
    if (typeof e.code !== "string" || !ENTITY_CODE.test(e.code)) problems.push(`${at}.code: expected upper-case letters and digits such as "WLD" or "EAC", got ${JSON.stringify(e.code)}`);
    if (codes.has(e.code)) problems.push(`${at}.code: ${JSON.stringify(e.code)} is declared twice`);
    codes.add(e.code);
    if (typeof e.name !== "string" || e.name.trim() === "") problems.push(`${at}.name: required`);
    if (!(ENTITY_KINDS as readonly string[]).includes(e.kind)) problems.push(`${at}.kind: expected one of ${ENTITY_KINDS.join(", ")}, got ${JSON.stringify(e.kind)}`);
    if (e.kind === "country" && e.members !== undefined) problems.push(`${at}.members: a country has no members`);
  }
  const registry = new EntityRegistry(def.list ?? [], { iso: def.iso ?? true });
  // Members and mapped names must resolve, unless entities also come from a file (known only when it is read).
  if (def.from === undefined) {
    for (const [i, e] of (def.list ?? []).entries()) {
      for (const m of e.members ?? []) if (!registry.get(m)) problems.push(`entities.list[${i}].members: unknown entity ${JSON.stringify(m)}`);
    }
    for (const [name, code] of Object.entries(def.names ?? {})) if (!registry.get(code)) problems.push(`entities.names[${JSON.stringify(name)}]: unknown entity ${JSON.stringify(code)}`);
  } else if (!inputs.has(def.from)) {
    problems.push(`entities.from: unknown input ${JSON.stringify(def.from)}`);
  }
  return problems;
}
