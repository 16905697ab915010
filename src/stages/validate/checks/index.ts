/** The declarable checks, one per file; the file name is the check's type. */
export { unique } from "./unique.js";
export { references } from "./references.js";
export { duplicateRows } from "./duplicate-rows.js";
export { figureConflicts } from "./figure-conflicts.js";
export { partOfWhole } from "./part-of-whole.js";
export { shareOfPopulation } from "./share-of-population.js";
export { conceptGap } from "./concept-gap.js";
export { aggregateMatches } from "./aggregate-matches.js";
export { standard } from "./standard.js";
export type { Check, CheckContext, CheckRefs, CheckScope } from "../../../contracts/check.js";
