import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/figures/closest.js";
import { EntityRegistry, entitiesProblems } from "../../src/figures/entities.js";

describe("closest", () => {
  it("editDistance counts insertions, deletions and substitutions", () => {
    expect(editDistance("KEN", "KEN")).toBe(0);
    expect(editDistance("KEM", "KEN")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abcdef", 1)).toBe(2);
  });
  it("ranks near values first and ignores case, accents and punctuation", () => {
    expect(closest("kenia", ["Kenya", "Kuwait", "Benin"])).toEqual(["Kenya", "Benin"]);
    expect(closest("Cote d'Ivoire", ["Côte d’Ivoire", "Canada"])).toEqual(["Côte d’Ivoire"]);
    expect(closest("Congo", ["Congo, Dem. Rep.", "Congo, Rep.", "Togo"])).toEqual(["Congo, Dem. Rep.", "Congo, Rep.", "Togo"]);
  });
  it("suggests nothing rather than something far away", () => {
    expect(closest("Atlantis", ["Kenya", "China"])).toEqual([]);
    expect(closest("", ["Kenya"])).toEqual([]);
  });
});

describe("EntityRegistry", () => {
  const wb = new EntityRegistry(
    [
      { code: "XKX", name: "Kosovo", kind: "country" },
      { code: "BHS", name: "Bahamas, The", kind: "country" },
      { code: "SSF", name: "Sub-Saharan Africa", kind: "region", members: ["KEN", "TZA"] },
      { code: "WLD", name: "World", kind: "aggregate", members: ["KEN", "TZA", "CHN", "XKX"] },
    ],
    { names: { UK: "GBR", UAE: "ARE" }, countryNames: { CHN: "China" } },
  );

  it("knows ISO countries by default and the pipeline's own codes", () => {
    expect(wb.resolveCode("KEN")).toEqual({ ok: true, entity: { code: "KEN", name: "Kenya", kind: "country" } });
    expect(wb.resolveCode("XKX")).toMatchObject({ ok: true, entity: { name: "Kosovo" } });
    expect(wb.get("WLD")?.members).toHaveLength(4);
  });
  it("refuses an unknown code naming the closest known ones", () => {
    const r = wb.resolveCode("KEM");
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.rule).toMatch(/^unknown entity code; closest known: KEN \(Kenya\)/);
  });
  it("resolves names through the harmonisation table, then the known names", () => {
    expect(wb.resolveName("UK")).toMatchObject({ ok: true, entity: { code: "GBR" } });
    expect(wb.resolveName("bahamas, the")).toMatchObject({ ok: true, entity: { code: "BHS" } });
    expect(wb.resolveName("Kenya")).toMatchObject({ ok: true, entity: { code: "KEN" } });
    // ISO's own name for a country is one of its names too.
    expect(wb.resolveName("Bahamas")).toMatchObject({ ok: true, entity: { code: "BHS" } });
    const r = wb.resolveName("Bahamass");
    expect(r.ok ? "" : r.rule).toContain('"Bahamas, The" (BHS)');
  });
  it("names: the pipeline's override, else the source's own, else the registry's", () => {
    expect(wb.nameOf("CHN", "China, People's Rep.")).toBe("China");
    expect(wb.nameOf("BHS", "Bahamas, The")).toBe("Bahamas, The");
    expect(wb.nameOf("KEN", null)).toBe("Kenya");
    expect(wb.nameOf("XKX", "")).toBe("Kosovo");
  });
  it("knows an ISO country by every English name the ISO package has, and refuses a name two countries answer to", () => {
    const iso = new EntityRegistry([]);
    expect(iso.resolveName("China")).toMatchObject({ ok: true, entity: { code: "CHN" } });
    expect(iso.resolveName("UK")).toMatchObject({ ok: true, entity: { code: "GBR" } });
    expect(iso.resolveName("Ivory Coast")).toMatchObject({ ok: true, entity: { code: "CIV" } });
    expect(iso.resolveName("Congo")).toEqual({
      ok: false,
      rule: 'entity name "Congo" is ambiguous (COD, Democratic Republic of the Congo; COG, Republic of the Congo); map it to one in the pipeline\'s entities.names',
    });
    expect(new EntityRegistry([], { names: { Congo: "COG" } }).resolveName("Congo")).toMatchObject({ ok: true, entity: { code: "COG" } });
  });

  it("without ISO, only declared entities are known", () => {
    const own = new EntityRegistry([{ code: "A1", name: "Area one", kind: "country" }], { iso: false });
    expect(own.get("KEN")).toBeUndefined();
    expect(own.resolveCode("A2")).toMatchObject({ ok: false });
  });
  it("groups lists groups with members, by kind", () => {
    expect(wb.groups().map((g) => g.code)).toEqual(["SSF", "WLD"]);
    expect(wb.groups(["region"]).map((g) => g.code)).toEqual(["SSF"]);
  });
});

describe("entitiesProblems", () => {
  it("lists every problem of a definition", () => {
    expect(
      entitiesProblems(
        {
          list: [
            { code: "wld", name: "World", kind: "aggregate", members: ["KEN"] },
            { code: "EAC", name: "", kind: "bloc" as never, members: ["KEN", "ZZZ"] },
            { code: "EAC", name: "x", kind: "country", members: [] },
          ],
          names: { Atlantis: "ATL" },
        },
        new Set(),
      ),
    ).toEqual([
      'entities.list[0].code: expected upper-case letters and digits such as "WLD" or "EAC", got "wld"',
      "entities.list[1].name: required",
      'entities.list[1].kind: expected one of country, region, income-group, aggregate, got "bloc"',
      'entities.list[2].code: "EAC" is declared twice',
      "entities.list[2].members: a country has no members",
      'entities.list[1].members: unknown entity "ZZZ"',
      'entities.names["Atlantis"]: unknown entity "ATL"',
    ]);
    expect(entitiesProblems({ from: "countries" }, new Set(["figures"]))).toEqual(['entities.from: unknown input "countries"']);
  });
});
