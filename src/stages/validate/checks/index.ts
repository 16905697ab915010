/** The declarable checks, one per file; the file name is the check's type. */
export { unique } from "./unique.js";
export { references } from "./references.js";
export type { Check, CheckRun, CheckRefs } from "./check.js";
