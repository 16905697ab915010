/**
 * Aggregates across entities, as a pipeline declares them and as a run reports them: the
 * definition (stages/transform/aggregate.ts computes it), one computed group figure (checks of
 * scope "aggregate" compare it with the reported one), a group period left out for coverage,
 * and the summary per aggregate that RunResult, validation.json and the PDF show.
 */
import type { EntityKind } from "../figures/entities.js";

export interface AggregateDefinition {
  /** The indicator computed for each group (the members' indicator of the same code). */
  readonly indicator: string;
  readonly method: "sum" | "weighted-mean";
  /** weighted-mean: the indicator that weighs each member (e.g. population). */
  readonly weight?: string;
  /** Which groups: kinds (default every group with known members) or codes. */
  readonly groups?: readonly (EntityKind | string)[];
  /** Publish a group's period only when members with data hold at least this share. */
  readonly coverage?: { readonly min: `${number}%`; readonly by?: string };
  /** "reported": members' reported figures only; "any" (default): derived ones too. */
  readonly from?: "reported" | "any";
  readonly decimals?: number;
}

export interface AggregateResult {
  readonly group: string;
  readonly groupName: string;
  readonly indicator: string;
  readonly period: string;
  readonly value: number;
  readonly sourceIds: string[];
  readonly formula: string;
  readonly derivedFrom: string[];
  /** Members with data / members; the covered share of `by` (0–1), or null without `by`. */
  readonly members: { readonly withData: number; readonly total: number };
  readonly coverage: number;
}

/** A group's period left out for coverage: reported so a reader knows why it is missing. */
export interface CoverageGap {
  readonly group: string;
  readonly indicator: string;
  readonly period: string;
  readonly coverage: number;
  readonly min: number;
  readonly members: { readonly withData: number; readonly total: number };
}

export interface AggregateSummary {
  readonly indicator: string;
  /** "sum(internet_users)", "weighted_mean(internet_users_share, population)". */
  readonly formula: string;
  /** The coverage rule in words ("≥ 90% of population", "≥ 90% of members"), or null. */
  readonly coverage: string | null;
  /** The groups it is computed for, by code. */
  readonly groups: readonly string[];
  /** Group periods published, and left out for coverage. */
  readonly published: number;
  readonly leftOut: number;
  /** Each group period left out: the share of the group the members with data cover (0–1). */
  readonly gaps: readonly { readonly group: string; readonly period: string; readonly coverage: number }[];
}
