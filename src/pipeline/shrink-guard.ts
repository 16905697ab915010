/**
 * The shrink guard: a run must not quietly empty the public dataset. A truncated delivery (a
 * figures.csv holding only its header) is a valid file with no rows; without a guard it
 * publishes an empty release, and a scheduled run would do so unattended. So a run that would
 * remove more than `maxRemoved` of the current release's observations (default half), or any
 * at all while an input has no data rows, is refused; `--allow-shrink` lets it through, and
 * the run's report says so.
 *
 * What a run removes is known only once its rows have been compared with the current release
 * (publish/release/publish.ts, before any file is finished), so the verdict is given then:
 * publish-release.ts turns it into an issue and, when refused, discards the staged release.
 */
import type { ChangeSet } from "../contracts/changes.js";
import type { InputAccount } from "../contracts/target.js";
import { rejectLimit } from "./tolerance.js";
import type { RejectTolerance } from "../contracts/definition.js";

export const DEFAULT_MAX_REMOVED: RejectTolerance = "50%";

export interface ShrinkVerdict {
  /** Whether the run may publish: the guard held, or --allow-shrink let it through. */
  allowed: boolean;
  /** The input with no data rows, when that is the reason (the issue is located on it). */
  file: string | null;
  removed: number;
  /** The rule in words, for the issue and the run's error. */
  rule: string;
}

/**
 * null when the run removes no more than it may. `inputs`: rows read per input file;
 * `changes`: the comparison with the current release (none for a first release).
 */
export function shrinkVerdict(changes: ChangeSet, inputs: readonly InputAccount[], maxRemoved: RejectTolerance, allowShrink: boolean): ShrinkVerdict | null {
  if (changes.previous === null) return null;
  const { removed, changed, unchanged } = changes.counts;
  if (removed === 0) return null;
  const current = removed + changed + unchanged;
  const empty = inputs.find((i) => i.rowsIn === 0) ?? null;
  const limit = rejectLimit(maxRemoved, current, "observation");
  if (empty === null && removed <= limit.rows) return null;
  const of = `${removed} of the ${current} observations of release ${changes.previous}`;
  const what = empty
    ? `no data rows (0 rows read), and publishing ${allowShrink ? "removes" : "would remove"} ${of}`
    : `publishing ${allowShrink ? "removes" : "would remove"} ${of}, more than the ${limit.text} allowed (maxRemoved); rows read: ${inputs.map((i) => `${i.file} ${i.rowsIn}`).join(", ")}`;
  return {
    allowed: allowShrink,
    file: empty?.file ?? null,
    removed,
    rule: allowShrink ? `${what}; allowed by --allow-shrink` : `${what}; nothing was published (--allow-shrink publishes it)`,
  };
}
