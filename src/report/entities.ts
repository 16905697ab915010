/**
 * What the report knows about the entities its figures are about: a country, or a group of
 * countries (a region, an income group, another aggregate such as the World). The pipeline's
 * entity registry (figures/entities.ts) has this shape; the publish context hands it over when
 * the pipeline has one. Without it every code is taken for a country, named as its figures
 * name it, which is right for ISO-coded data such as the seed.
 *
 * The World is told by what it holds, not by its code: a group whose members include nearly
 * every country of the release (World Bank "WLD", Our World in Data "OWID_WRL"), else a group
 * named "World".
 */
export type EntityKind = "country" | "region" | "income-group" | "aggregate";

export interface EntityInfo {
  readonly code: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** A group's member countries (codes), when they are known. */
  readonly members?: readonly string[];
}

/** The one method the report asks of an entity registry. */
export interface EntityLookup {
  get(code: string): EntityInfo | undefined;
}

/** Share of the release's countries a group must hold to be taken for the World. */
const WORLD_COVERS = 0.9;

export class Entities {
  private readonly byCode = new Map<string, EntityInfo>();

  /**
   * @param present the entities of the release, code and name as the figures give them, in
   *   order of first appearance (which is code order: rows arrive in primary-key order).
   */
  constructor(present: readonly { readonly code: string; readonly name: string }[], lookup?: EntityLookup) {
    for (const p of present) {
      const known = lookup?.get(p.code);
      // The published name (the figures') wins over the registry's: it is what the CSV says.
      this.byCode.set(p.code, { code: p.code, name: p.name, kind: known?.kind ?? "country", ...(known?.members ? { members: known.members } : {}) });
    }
  }

  get(code: string): EntityInfo | undefined {
    return this.byCode.get(code);
  }

  all(): EntityInfo[] {
    return [...this.byCode.values()];
  }

  countries(): EntityInfo[] {
    return this.all().filter((e) => e.kind === "country");
  }

  groups(): EntityInfo[] {
    return this.all().filter((e) => e.kind !== "country");
  }

  isCountry(code: string): boolean {
    return this.byCode.get(code)?.kind === "country";
  }

  /** The group that stands for the World, or null. */
  world(): EntityInfo | null {
    const countries = new Set(this.countries().map((c) => c.code));
    let best: { e: EntityInfo; covered: number } | null = null;
    for (const g of this.groups()) {
      const covered = (g.members ?? []).filter((m) => countries.has(m)).length;
      if (countries.size > 0 && covered >= WORLD_COVERS * countries.size && (!best || covered > best.covered)) best = { e: g, covered };
    }
    return best?.e ?? this.groups().find((g) => g.name.trim().toLowerCase() === "world") ?? null;
  }

  /**
   * The declared set of groups a big release is compared on by default: the World and the
   * regions; without regions, the World and the income groups; else nothing. Not every
   * aggregate: the World Bank publishes 48 that overlap ("IDA total", "Small states", …).
   */
  defaultGroups(): EntityInfo[] {
    const world = this.world();
    const kinds: EntityKind[] = ["region", "income-group"];
    for (const kind of kinds) {
      const of = this.groups().filter((g) => g.kind === kind && g !== world);
      if (of.length > 0) return [...(world ? [world] : []), ...of];
    }
    return world ? [world] : [];
  }
}
