/**
 * The built-in units a figure can count. `kind` decides how a printed value may be written and
 * which rules apply: counts and currency amounts take scale words ("829 million") and may not
 * be negative; percent values are written with "%" or "percent" and stay in percent. A pipeline
 * may declare units of its own (unit-registry.ts): everything that looks a unit up goes through
 * the pipeline's UnitRegistry, not through this table.
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

export type BuiltInUnit = keyof typeof UNITS;

/** A unit code: a built-in one, or one the pipeline declares. */
export type Unit = string;

export function isBuiltInUnit(value: string): value is BuiltInUnit {
  return Object.hasOwn(UNITS, value);
}

/** A built-in unit's description; a code it does not know reads as a count labelled by its code
 *  (for code that has no pipeline at hand, such as the PDF's number formatting). */
export function unitInfo(unit: string): UnitInfo {
  return isBuiltInUnit(unit) ? UNITS[unit] : { label: unit, kind: "count", description: "" };
}
