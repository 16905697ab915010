/**
 * The targets the engine adds to every pipeline's outputs: nothing read is lost (rejects.csv),
 * every issue is reported (validation.json), and a release says what changed since the one
 * before (changes.json). A run that publishes nothing still writes the two reports.
 */
import type { PublishTarget } from "../contracts/target.js";
import { changes } from "../publish/targets/changes.js";
import { rejects } from "../publish/targets/rejects.js";
import { validation } from "../publish/targets/validation.js";

export const REPORT_TARGETS: readonly PublishTarget[] = [validation(), rejects()];
export const ENGINE_TARGETS: readonly PublishTarget[] = [...REPORT_TARGETS, changes()];
