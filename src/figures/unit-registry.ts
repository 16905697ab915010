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

/** Counts, amounts and ratios take the four scale words unless they declare their own ("12.5
 *  thousand USD per person" is how prose prints a ratio); a percentage takes none. */
function defaultScales(kind: UnitKind): Readonly<Record<string, number>> {
  return kind === "percent" ? {} : DEFAULT_SCALES;
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
      this.hasScaled = true;
    }
  }

  /** Whether any unit is a scaled one: without, no figure needs converting (a shortcut for the
   *  hot path of a figures file). */
  get scaled(): boolean {
    return this.hasScaled;
  }
  private hasScaled = false;

  get(code: string): ResolvedUnit | undefined {
    return this.units.get(code);
  }

  has(code: string): boolean {
    return this.units.has(code);
  }

  codes(): string[] {
    return [...this.units.keys()];
  }

  /** Every scale word any unit takes, with its power of ten (a printed value is read with these,
   *  then checked against its own unit's words). */
  scaleWords(): Readonly<Record<string, number>> {
    if (this.words) return this.words;
    const words: Record<string, number> = {};
    for (const u of this.units.values()) for (const [w, p] of Object.entries(u.scales)) words[w.toLowerCase()] = p;
    return (this.words = words);
  }
  private words: Readonly<Record<string, number>> | null = null;
}

const BUILT_IN = new UnitRegistry();
const REGISTRIES = new WeakMap<object, UnitRegistry>();

/** The UnitRegistry of a pipeline (its own units, if any, over the built-in ones), made once. */
export function unitsOf(pipeline: { readonly units?: PipelineUnits | undefined }): UnitRegistry {
  const own = pipeline.units;
  if (own === undefined || Object.keys(own).length === 0) return BUILT_IN;
  let registry = REGISTRIES.get(own);
  if (!registry) REGISTRIES.set(own, (registry = new UnitRegistry(own)));
  return registry;
}

/** Problems of a pipeline's units, in words, for DefinitionError. */
export function unitsProblems(own: PipelineUnits | undefined): string[] {
  if (own === undefined) return [];
  const problems: string[] = [];
  const kinds = ["count", "currency", "percent", "ratio"];
  // A printed value is read with every unit's words at once (value.ts): one word, one power.
  const words = new Map<string, number>(Object.entries(DEFAULT_SCALES));
  for (const [code, u] of Object.entries(own)) {
    const at = `units[${JSON.stringify(code)}]`;
    if (code.trim() === "" || code !== code.trim()) problems.push(`${at}: a unit name must be non-empty text without leading or trailing spaces`);
    if (Object.hasOwn(UNITS, code)) problems.push(`${at}: ${JSON.stringify(code)} is a built-in unit`);
    if (isScaled(u)) {
      const base = own[u.base];
      if (!Object.hasOwn(UNITS, u.base) && (base === undefined || isScaled(base))) problems.push(`${at}.base: expected a unit that is not itself scaled, got ${JSON.stringify(u.base)}`);
      if (!(Number.isInteger(u.power) && u.power >= -12 && u.power <= 15 && u.power !== 0))
        problems.push(`${at}.power: expected a whole power of ten from -12 to 15 (not 0), got ${JSON.stringify(u.power)}`);
      continue;
    }
    if (typeof u.label !== "string" || u.label.trim() === "") problems.push(`${at}.label: required`);
    if (!kinds.includes(u.kind)) problems.push(`${at}.kind: expected one of ${kinds.join(", ")}, got ${JSON.stringify(u.kind)}`);
    if (typeof u.description !== "string" || u.description.trim() === "") problems.push(`${at}.description: required (say what is counted)`);
    for (const [word, power] of Object.entries(u.scales ?? {})) {
      if (!/^[a-z][a-z ]*$/i.test(word)) problems.push(`${at}.scales: ${JSON.stringify(word)} must be a word`);
      if (!(Number.isInteger(power) && power > 0 && power <= 15)) problems.push(`${at}.scales[${JSON.stringify(word)}]: expected a whole power of ten from 1 to 15, got ${JSON.stringify(power)}`);
      const other = words.get(word.toLowerCase());
      if (other !== undefined && other !== power) problems.push(`${at}.scales[${JSON.stringify(word)}]: ${power}, but the word already means 10^${other}; a scale word has one power in a pipeline`);
      words.set(word.toLowerCase(), power);
    }
  }
  return problems;
}
