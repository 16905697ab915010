/**
 * The pattern naming a zip member. A pattern rather than a name because member names change
 * with every vintage of a source (the World Bank's `…_DS2_en_csv_v2_2160.csv`, then
 * `…_v2_4150946.csv`). Globs are picomatch's. Kept apart from zip.ts so that checking a
 * definition does not load the zip reader.
 */
import picomatch from "picomatch";

export interface MemberPattern {
  readonly source: string;
  test(name: string): boolean;
}

/**
 * `/…/flags` is a regular expression, tested against the member's full name (not anchored:
 * write `^` and `$`); anything else is a glob over the full name (`*` and `?` stop at `/`).
 * Zip member names never start with `/`, so the two cannot be confused.
 */
export function memberPattern(source: string): MemberPattern {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(source);
  if (re) {
    const regex = new RegExp(re[1]!, re[2]!.replace(/[gy]/g, ""));
    return { source, test: (name) => regex.test(name) };
  }
  const glob = picomatch(source, { dot: true });
  return { source, test: (name) => glob(name) };
}

/** What is wrong with a pattern, or null: for checking a definition when it loads. */
export function memberPatternProblem(source: unknown): string | null {
  if (typeof source !== "string" || source.trim() === "") return `expected a glob such as "API_*.csv" or a regular expression such as "/^API_.*\\.csv$/", got ${JSON.stringify(source)}`;
  try {
    memberPattern(source);
    return null;
  } catch (err) {
    return `${JSON.stringify(source)} is not a valid pattern: ${err instanceof Error ? err.message : String(err)}`;
  }
}
