/**
 * Wall-clock time in an IANA zone, from the platform's Intl data. A "wall time" here is the
 * local date and time written as if it were UTC (epoch ms), so cron matching can run on a plain
 * timeline with no gaps and no repeats; resolveWall() then maps it back to real instants and
 * says whether the zone skipped it (spring forward) or showed it twice (fall back).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in ms (whole seconds: Intl shows no finer). */
function offsetAt(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The wall time shown in `zone` at `instant`. */
export function wallAt(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}

export type ResolvedWall =
  /** The wall time occurs once. */
  | { kind: "exact"; at: number }
  /** Fall back: the wall time occurs twice; `at` is the first pass, `later` the second. */
  | { kind: "repeat"; at: number; later: number }
  /** Spring forward: the wall time never occurs; `at` is the instant the clocks jump, which is
   *  the next wall time that does exist. */
  | { kind: "gap"; at: number };

const DAY = 86_400_000;

/**
 * The instants at which `zone` shows the wall time `wall`. Offsets a day either side cover any
 * one transition; zones never change twice within two days.
 */
export function resolveWall(wall: number, zone: string): ResolvedWall {
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const hits = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => offsetAt(t, zone) === wall - t)
    .sort((a, b) => a - b);
  if (hits.length === 1) return { kind: "exact", at: hits[0]! };
  if (hits.length >= 2) return { kind: "repeat", at: hits[0]!, later: hits[hits.length - 1]! };
  // In the gap: before the jump the old offset applies, after it the new one. Search the
  // transition between the two candidate instants.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const first = offsetAt(lo, zone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, zone) === first) lo = mid;
    else hi = mid;
  }
  return { kind: "gap", at: hi };
}

/** `2024-03-31T03:00:00+02:00`: the instant as the zone's clocks show it. */
export function formatInZone(instant: number, zone: string): string {
  const offset = offsetAt(instant, zone);
  const wall = new Date(Math.floor(instant / 1000) * 1000 + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(Math.floor(abs % 60)).padStart(2, "0");
  return `${wall}${sign}${hh}:${mm}`;
}
