/**
 * The units a figure can count. `kind` decides how a printed value may be written and which
 * rules apply: counts and currency amounts take scale words ("829 million") and may not be
 * negative; percent values are written with "%" or "percent" and stay in percent.
 */
export type UnitKind = "count" | "currency" | "percent" | "ratio";

export interface UnitInfo {
  readonly label: string;
  readonly kind: UnitKind;
  readonly description: string;
}

export const UNITS = {
  persons: { label: "persons", kind: "count", description: "Number of people." },
  subscriptions: { label: "subscriptions", kind: "count", description: "Number of subscriptions (one person may hold several)." },
  USD: { label: "US dollars", kind: "currency", description: "Current US dollars." },
  percent: { label: "%", kind: "percent", description: "Percent (0–100 unless the indicator allows more)." },
  "USD per person": { label: "USD per person", kind: "ratio", description: "US dollars divided by a number of people." },
} as const satisfies Record<string, UnitInfo>;

export type Unit = keyof typeof UNITS;

export const UNIT_CODES = Object.keys(UNITS) as Unit[];

export function isUnit(value: string): value is Unit {
  return Object.hasOwn(UNITS, value);
}
