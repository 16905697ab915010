/**
 * The shape of a pipeline definition. A definition is data: `definePipeline()` checks all of
 * it when the pipeline module loads (see pipeline/define.ts), so nothing below is trusted blindly by
 * the stages.
 */
import type { EntitiesDefinition, EntityKind } from "../figures/entities.js";
import type { PipelineUnits } from "../figures/unit-registry.js";
import type { Unit } from "../figures/units.js";
import type { DialectOptions } from "./dialect.js";
import type { Reader } from "./reader.js";
import type { AggregateDefinition } from "./aggregates.js";
import type { Check } from "./check.js";
import type { PublishTarget } from "./target.js";

/** What an input holds: published figures, the sources they cite, or the entities they are about. */
export type InputRole = "figures" | "sources" | "entities";

export interface InputDefinition {
  /** File name under `<raw>/<pipeline id>/`. */
  readonly file: string;
  /** How the file is laid out and what it holds: `readers.figures()`, `readers.sources()`,
   *  `readers.long({...})`, `readers.wide({...})`, `readers.worldBank({...})`,
   *  `readers.worldBankCountries()` (docs/readers.md). */
  readonly reader: Reader;
  /** How the file is written, over the reader's own defaults (delimiter, encoding, ...). */
  readonly dialect?: DialectOptions;
  readonly description?: string;
  /** Where `openfigures fetch` downloads the file from (http or https). Without it, the `url`
   *  recorded in `<raw>/<id>/snapshots.json` is used; with it, that one must be the same. */
  readonly url?: string;
  /** When the URL serves a zip archive: the member to take, by a glob (`API_SP.POP.TOTL_DS2_*.csv`)
   *  or a `/regular expression/`; exactly one member must match. Only with `url`. */
  readonly member?: string;
}

export interface IndicatorDefinition {
  readonly name: string;
  /** A built-in unit or one of the pipeline's `units`; not a scaled unit (values are published
   *  in base units). */
  readonly unit: Unit;
  /** The definition the figures use: what is counted, by whom, how. Published with the data. */
  readonly description: string;
  /** Indicators measuring one concept under different definitions share a concept id. */
  readonly concept?: string;
  /** Allowed range of the value in its unit. Defaults: counts and amounts ≥ 0; percent 0–100. */
  readonly min?: number;
  readonly max?: number;
}

export interface DerivationDefinition {
  /** The indicator the derivation produces (declared in `indicators`). */
  readonly indicator: string;
  /** Arithmetic over indicator codes: `data_subscriptions * broadband_share / 100`. */
  readonly formula: string;
  /** "period": inputs must share a period. "year": periods are matched by year
   *  (figures/year-match.ts): each input takes the same period, else the year's annual figure,
   *  never another month; the result is dated by the finer period (2018-12 with 2018: 2018-12). */
  readonly match?: "period" | "year";
  /** Round the result to this many decimals. */
  readonly decimals?: number;
  /** "reported": use only figures as published, not other derived rows (default "any"). */
  readonly from?: "reported" | "any";
  /** Only derive for these entities (default: every entity that has all inputs). */
  readonly countries?: readonly string[];
  /** Only derive for entities of these kinds (default: every kind). `["country"]` leaves a
   *  group's figure of the indicator to its aggregate (`aggregates`), which sums the members. */
  readonly kinds?: readonly EntityKind[];
}

export interface ScheduleDefinition {
  /** Five- or six-field cron expression. */
  readonly cron: string;
  /** IANA time zone, e.g. "Africa/Nairobi". */
  readonly timezone: string;
  /** Run once on scheduler start when a run was due while it was down (default true). */
  readonly catchUp?: boolean;
  /** Retry a run that failed for a transient reason (I/O, a source unavailable), never one
   *  whose data is invalid. `attempts` counts the first run; each wait doubles. Default: no retry. */
  readonly retries?: { readonly attempts: number; readonly backoffSeconds: number };
  /** Scheduled runs fetch the remote inputs first, under the run's lock (default false). */
  readonly fetch?: boolean;
}

export interface LicenseDefinition {
  /** SPDX id or open-definition id, e.g. "CC-BY-4.0". */
  readonly name: string;
  readonly title: string;
  readonly path: string;
}

/** A count of rows, or a share written as "5%". */
export type RejectTolerance = number | `${number}%`;

/** A pipeline id: kebab-case letters and digits. It names the pipeline's folder, its data
 *  folders, its CLI argument and its scheduled task. */
export const PIPELINE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface PipelineDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly license: LicenseDefinition;
  readonly inputs: Readonly<Record<string, InputDefinition>>;
  readonly indicators: Readonly<Record<string, IndicatorDefinition>>;
  readonly checks: readonly Check[];
  readonly derivations: readonly DerivationDefinition[];
  readonly outputs: readonly PublishTarget[];
  readonly schedule?: ScheduleDefinition;
  /** Rows that may be rejected before the run fails (default 0). */
  readonly maxRejected?: RejectTolerance;
  /** Issues of each code listed in validation.json (default 1000, as Frictionless's
   *  `limit_errors`); counts are always exact. `--report-examples` overrides it for a run. */
  readonly reportExamples?: number;
  /** The shrink guard: observations of the current release a run may remove before it fails
   *  and publishes nothing, as a count or a share such as "50%" (default "50%"). A run that
   *  removes any while an input has no data rows fails whatever this says. `--allow-shrink`
   *  lets a run through. */
  readonly maxRemoved?: RejectTolerance;
  /** Releases kept in `<out>/<id>/releases/`, newest first (default: all). */
  readonly keepReleases?: number;
  /** Names to publish instead of any other, by entity code (the ISO package's "People's
   *  Republic of China" as "China"). */
  readonly countryNames?: Readonly<Record<string, string>>;
  /** Units of the pipeline's own (src/figures/unit-registry.ts), beside the built-in ones. */
  readonly units?: PipelineUnits;
  /** What figures are about beyond ISO 3166 countries: declared entities, an entities input,
   *  names as sources print them (src/figures/entities.ts). */
  readonly entities?: EntitiesDefinition;
  /** Indicators computed for groups of entities (the World, regions, income groups) from their
   *  member countries: a sum, or a weighted mean, with a coverage rule
   *  (src/stages/transform/aggregate.ts). */
  readonly aggregates?: readonly AggregateDefinition[];
}

/** A definition that passed `definePipeline()`. */
export type Pipeline = PipelineDefinition & { readonly defined: true };
