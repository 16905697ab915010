/**
 * The sources, numbered in reading order (see figures.ts); the number is the reference mark
 * printed beside every figure ([1], [2, 3]). Each entry also says what in the report rests on
 * it, so a reader can go both ways: from a figure to its source and from a source to its figures.
 * A use names its entities when they are few ("Internet users (China)"), and counts them when
 * there are many ("Population, total (215 countries and 48 groups)"). Each entry ends with the
 * raw files the source rests on: where each came from and its sha256 (source-files.ts).
 */
import type { Pipeline } from "../contracts/definition.js";
import type { Entities } from "./entities.js";
import type { FigureBook, ReportObservation } from "./figures.js";
import type { SourceEntry } from "./model.js";
import { sourceFileEntries } from "./source-files.js";

/** Beyond this many uses an entry says "and N more" (the CSV has the full list). */
const MAX_USES_LISTED = 12;
/** Past this many entities for one indicator, a use counts them instead of naming them. */
const NAMED_UP_TO = 3;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function usesOf(citing: readonly ReportObservation[], entities: Entities): string[] {
  // indicator and method → entity codes, in order of first citation.
  const byUse = new Map<string, { name: string; derived: boolean; codes: Map<string, string> }>();
  for (const o of citing) {
    const key = `${o.indicator}\u0000${o.method}`;
    let use = byUse.get(key);
    if (!use) byUse.set(key, (use = { name: o.indicatorName, derived: o.method === "derived", codes: new Map() }));
    use.codes.set(o.country, o.countryName);
  }
  const uses: string[] = [];
  if ([...byUse.values()].every((u) => u.codes.size <= NAMED_UP_TO)) {
    // Few: one use per indicator, entity and method, in the order the figures are cited.
    for (const o of citing) {
      const use = `${o.indicatorName} (${o.countryName}${o.method === "derived" ? ", derived" : ""})`;
      if (!uses.includes(use)) uses.push(use);
    }
    return uses;
  }
  for (const u of byUse.values()) {
    const derived = u.derived ? ", derived" : "";
    if (u.codes.size <= NAMED_UP_TO) {
      for (const name of u.codes.values()) uses.push(`${u.name} (${name}${derived})`);
      continue;
    }
    const codes = [...u.codes.keys()];
    const countries = codes.filter((c) => entities.isCountry(c)).length;
    const groups = codes.length - countries;
    const who = [countries > 0 ? count(countries, "country", "countries") : "", groups > 0 ? count(groups, "group", "groups") : ""].filter(Boolean).join(" and ");
    uses.push(`${u.name} (${who}${derived})`);
  }
  return uses;
}

export function sourceEntries(pipeline: Pipeline, book: FigureBook, entities: Entities): SourceEntry[] {
  // One pass over the observations, indexed by the sources they cite, and the indicators' ranks
  // looked up in a map: filtering every observation for each source, and indexOf in the sort's
  // comparison, cost 2.6 s of a 250k-row run (275 sources × the digest's observations).
  const rank = new Map(Object.keys(pipeline.indicators).map((id, i) => [id, i]));
  const byRank = (a: ReportObservation, b: ReportObservation) => (rank.get(a.indicator) ?? -1) - (rank.get(b.indicator) ?? -1);
  const bySource = new Map<string, ReportObservation[]>();
  for (const o of book.observations) {
    for (const id of new Set(o.sourceIds)) {
      let list = bySource.get(id);
      if (!list) bySource.set(id, (list = []));
      list.push(o);
    }
  }
  return book.sources.map((s, i) => {
    const citing = [...(bySource.get(s.sourceId) ?? [])].sort(byRank);
    const uses = usesOf(citing, entities);
    const usedFor = uses.length > MAX_USES_LISTED ? [...uses.slice(0, MAX_USES_LISTED), `and ${uses.length - MAX_USES_LISTED} more`] : uses;
    return {
      mark: i + 1,
      id: s.sourceId,
      publisher: s.publisher,
      title: s.title,
      published: s.published,
      accessed: s.accessed,
      url: s.url,
      license: s.license,
      usedFor,
      files: sourceFileEntries(s.files),
    };
  });
}
