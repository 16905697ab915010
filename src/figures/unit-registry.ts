/**
 * The units of one pipeline: the built-in ones (units.ts) and the pipeline's own. A unit has a
 * name (its code), a kind (count, currency, percent, ratio), a description, the scale words its
 * printed values may use ("829 million"), and optionally a base unit it is published in: a
 * figure printed in "thousand tonnes" is published as tonnes, multiplied by its factor (a power
 * of ten, so the conversion moves the decimal point and stays exact).
 */
import { UNITS, type UnitKind } from "./units.js";

export interface UnitDefinition {
  readonly label: string;
  readonly kind: UnitKind;
  readonly description: string;
  /** Scale words and the power of ten each stands for ({ thousand: 3, million: 6 }). */
  readonly scales?: Readonly<Record<string, number>>;
}

/** A unit that is another unit times a power of ten ("thousand tonnes" → tonnes × 10³). */
export interface ScaledUnitDefinition {
  readonly base: string;
  /** The power of ten: 3 for thousands. */
  readonly power: number;
  readonly label?: string;
}

export type PipelineUnits = Readonly<Record<string, UnitDefinition | ScaledUnitDefinition>>;

export const DEFAULT_SCALES: Readonly<Record<string, number>> = { thousand: 3, million: 6, billion: 9, trillion: 12 };

export interface ResolvedUnit {
  readonly code: string;
  readonly label: string;
  readonly kind: UnitKind;
  readonly description: string;
  readonly scales: Readonly<Record<string, number>>;
  /** The unit values are published in (itself, unless scaled), and the power of ten to apply. */
  readonly base: string;
  readonly power: number;
}

function isScaled(u: UnitDefinition | ScaledUnitDefinition): u is ScaledUnitDefinition {
  return "base" in u;
}

function defaultScales(kind: UnitKind): Readonly<Record<string, number>> {
  return kind === "count" || kind === "currency" ? DEFAULT_SCALES : {};
}

export class UnitRegistry {
  private readonly units = new Map<string, ResolvedUnit>();

  constructor(own: PipelineUnits = {}) {
    for (const [code, u] of Object.entries(UNITS)) this.units.set(code, { code, label: u.label, kind: u.kind, description: u.description, scales: defaultScales(u.kind), base: code, power: 0 });
    for (const [code, u] of Object.entries(own)) {
      if (isScaled(u)) continue;
      this.units.set(code, { code, label: u.label, kind: u.kind, description: u.description, scales: u.scales ?? defaultScales(u.kind), base: code, power: 0 });
    }
    for (const [code, u] of Object.entries(own)) {
      if (!isScaled(u)) continue;
      const base = this.units.get(u.base);
      if (!base) continue;
      this.units.set(code, { ...base, code, label: u.label ?? code, base: base.code, power: u.power });
    }
  }

  get(code: string): ResolvedUnit | undefined {
    return this.units.get(code);
  }

  has(code: string): boolean {
    return this.units.has(code);
  }

  codes(): string[] {
    return [...this.units.keys()];
  }
}

/** Problems of a pipeline's units, in words, for DefinitionError. */
export function unitsProblems(own: PipelineUnits | undefined): string[] {
  if (own === undefined) return [];
  const problems: string[] = [];
  const kinds = ["count", "currency", "percent", "ratio"];
  for (const [code, u] of Object.entries(own)) {
    const at = `units[${JSON.stringify(code)}]`;
    if (code.trim() === "" || code !== code.trim()) problems.push(`${at}: a unit name must be non-empty text without leading or trailing spaces`);
    if (Object.hasOwn(UNITS, code)) problems.push(`${at}: ${JSON.stringify(code)} is a built-in unit`);
    if (isScaled(u)) {
      const base = own[u.base];
      if (!Object.hasOwn(UNITS, u.base) && (base === undefined || isScaled(base))) problems.push(`${at}.base: expected a unit that is not itself scaled, got ${JSON.stringify(u.base)}`);
      if (!(Number.isInteger(u.power) && u.power >= -12 && u.power <= 15 && u.power !== 0)) problems.push(`${at}.power: expected a whole power of ten from -12 to 15 (not 0), got ${JSON.stringify(u.power)}`);
      continue;
    }
    if (typeof u.label !== "string" || u.label.trim() === "") problems.push(`${at}.label: required`);
    if (!kinds.includes(u.kind)) problems.push(`${at}.kind: expected one of ${kinds.join(", ")}, got ${JSON.stringify(u.kind)}`);
    if (typeof u.description !== "string" || u.description.trim() === "") problems.push(`${at}.description: required (say what is counted)`);
    for (const [word, power] of Object.entries(u.scales ?? {})) {
      if (!/^[a-z][a-z ]*$/i.test(word)) problems.push(`${at}.scales: ${JSON.stringify(word)} must be a word`);
      if (!(Number.isInteger(power) && power > 0 && power <= 15)) problems.push(`${at}.scales[${JSON.stringify(word)}]: expected a whole power of ten from 1 to 15, got ${JSON.stringify(power)}`);
    }
  }
  return problems;
}
