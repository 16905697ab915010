/**
 * The shrink guard of a fetch: a new file with far fewer data rows than the file it replaces
 * is refused (a truncated delivery, a filtered export), unless the caller allows it. The rule
 * is the one issue 11 gives the run's guard: refused when more than `maxRemovedShare` of the old
 * rows would go, and always when the new file has no rows while the old one had some.
 * TODO(unify): when the run's shrink guard lands, both should call one function and read the
 * pipeline's share option; until then DEFAULT_MAX_REMOVED_SHARE is that guard's default.
 */
export const DEFAULT_MAX_REMOVED_SHARE = 0.5;

export type ShrinkVerdict = { ok: true } | { ok: false; reason: string };

export function shrinkVerdict(oldRows: number, newRows: number, maxRemovedShare = DEFAULT_MAX_REMOVED_SHARE): ShrinkVerdict {
  if (oldRows <= 0 || newRows >= oldRows) return { ok: true };
  const removed = oldRows - newRows;
  const share = removed / oldRows;
  const percent = `${(share * 100).toFixed(1).replace(/\.0$/, "")}%`;
  if (newRows === 0) return { ok: false, reason: `the new file has no data rows; the current one has ${oldRows}` };
  if (share > maxRemovedShare) {
    return { ok: false, reason: `the new file has ${newRows} data rows, the current one ${oldRows}: ${removed} fewer (${percent}), more than the ${maxRemovedShare * 100}% allowed` };
  }
  return { ok: true };
}
