/**
 * The one typed list of issue codes. Every issue the pipeline reports has a code from here;
 * `frictionless` names the matching error type of the Frictionless validation catalogue
 * (https://specs.frictionlessdata.io / frictionless-py `errors/`) where one exists, so the
 * published validation report can be read by tools that know that vocabulary.
 */
export type Severity = "error" | "warning";
export type Stage = "ingest" | "validate" | "transform" | "publish" | "run";

interface CodeInfo {
  readonly severity: Severity;
  readonly stage: Stage;
  readonly title: string;
  readonly frictionless: string;
}

export const ISSUE_CODES = {
  // ingest: the file as a file
  INGEST_FILE_MISSING: { severity: "error", stage: "ingest", title: "File missing", frictionless: "source-error" },
  INGEST_NOT_A_FILE: { severity: "error", stage: "ingest", title: "Not a regular file", frictionless: "source-error" },
  INGEST_FILE_EMPTY: { severity: "error", stage: "ingest", title: "File empty", frictionless: "source-error" },
  INGEST_ENCODING: { severity: "error", stage: "ingest", title: "Not UTF-8", frictionless: "encoding-error" },
  INGEST_BOM: { severity: "warning", stage: "ingest", title: "Byte-order mark", frictionless: "source-error" },
  INGEST_LINE_ENDINGS: { severity: "warning", stage: "ingest", title: "Unusual line endings", frictionless: "source-error" },
  INGEST_HEADER_MISSING: { severity: "error", stage: "ingest", title: "Missing column", frictionless: "missing-label" },
  INGEST_HEADER_DUPLICATE: { severity: "error", stage: "ingest", title: "Duplicate column", frictionless: "duplicate-label" },
  INGEST_HEADER_UNKNOWN: { severity: "error", stage: "ingest", title: "Unknown column", frictionless: "extra-label" },
  INGEST_QUOTE_NOT_CLOSED: { severity: "error", stage: "ingest", title: "Quote not closed", frictionless: "source-error" },
  INGEST_INVALID_QUOTE: { severity: "error", stage: "ingest", title: "Stray quote", frictionless: "source-error" },
  INGEST_RECORD_TOO_LARGE: { severity: "error", stage: "ingest", title: "Record too large", frictionless: "source-error" },
  INGEST_TOO_MANY_CELLS: { severity: "error", stage: "ingest", title: "Too many cells", frictionless: "extra-cell" },
  INGEST_TOO_FEW_CELLS: { severity: "error", stage: "ingest", title: "Too few cells", frictionless: "missing-cell" },
  INGEST_BLANK_ROW: { severity: "warning", stage: "ingest", title: "Blank row", frictionless: "blank-row" },
  INGEST_UNREADABLE: { severity: "error", stage: "ingest", title: "Unreadable CSV", frictionless: "source-error" },
  // ingest: a table read by its declared layout (stages/ingest/readers/)
  INGEST_LAYOUT_MISMATCH: { severity: "error", stage: "ingest", title: "Not the declared layout", frictionless: "header-error" },
  INGEST_ROW_MISALIGNED: { severity: "error", stage: "ingest", title: "Row does not fit the header", frictionless: "row-error" },
  INGEST_SOURCE_DATE: { severity: "warning", stage: "ingest", title: "Source date not read", frictionless: "type-error" },
  // validate: one row against its schema
  VALIDATE_REQUIRED: { severity: "error", stage: "validate", title: "Required value missing", frictionless: "constraint-error" },
  VALIDATE_INVALID_TYPE: { severity: "error", stage: "validate", title: "Invalid value", frictionless: "type-error" },
  VALIDATE_NOT_ALLOWED: { severity: "error", stage: "validate", title: "Value not allowed", frictionless: "constraint-error" },
  VALIDATE_INVALID_FORMAT: { severity: "error", stage: "validate", title: "Invalid format", frictionless: "type-error" },
  VALIDATE_OUT_OF_RANGE: { severity: "error", stage: "validate", title: "Out of range", frictionless: "constraint-error" },
  VALIDATE_UNIT_MISMATCH: { severity: "error", stage: "validate", title: "Unit does not fit indicator", frictionless: "constraint-error" },
  VALIDATE_UNKNOWN_INDICATOR_CODE: { severity: "error", stage: "validate", title: "Source indicator not mapped", frictionless: "constraint-error" },
  VALIDATE_BEYOND_DOUBLE: { severity: "error", stage: "validate", title: "Number beyond a double's range", frictionless: "type-error" },
  VALIDATE_INEXACT_NUMBER: { severity: "warning", stage: "validate", title: "More digits than a double holds", frictionless: "type-error" },
  // validate: declared checks across rows and tables
  CHECK_DUPLICATE_ROW: { severity: "error", stage: "validate", title: "Duplicate row", frictionless: "duplicate-row" },
  CHECK_NOT_UNIQUE: { severity: "error", stage: "validate", title: "Key not unique", frictionless: "primary-key" },
  CHECK_CONFLICTING_VALUES: { severity: "error", stage: "validate", title: "One source, two values", frictionless: "primary-key" },
  CHECK_SOURCES_DISAGREE: { severity: "warning", stage: "validate", title: "Sources disagree", frictionless: "row-constraint" },
  CHECK_REFERENCE: { severity: "error", stage: "validate", title: "Unknown reference", frictionless: "foreign-key" },
  CHECK_PART_EXCEEDS_WHOLE: { severity: "warning", stage: "validate", title: "Part larger than whole", frictionless: "row-constraint" },
  CHECK_SHARE_MISMATCH: { severity: "warning", stage: "validate", title: "Share disagrees with count", frictionless: "row-constraint" },
  CHECK_CONCEPT_GAP: { severity: "warning", stage: "validate", title: "Definitions disagree", frictionless: "row-constraint" },
  CHECK_AGGREGATE_MISMATCH: { severity: "warning", stage: "validate", title: "Source's aggregate differs from the computed one", frictionless: "row-constraint" },
  // transform
  DERIVE_MISSING_INPUT: { severity: "warning", stage: "transform", title: "Derivation had no inputs", frictionless: "row-constraint" },
  DERIVE_INVALID_RESULT: { severity: "warning", stage: "transform", title: "Derivation gave no number", frictionless: "row-constraint" },
  // publish and run
  PUBLISH_FAILED: { severity: "error", stage: "publish", title: "Output not written", frictionless: "general-error" },
  RUN_TOO_MANY_REJECTED: { severity: "error", stage: "run", title: "Too many rows rejected", frictionless: "general-error" },
  RUN_SHRINK_GUARD: { severity: "error", stage: "run", title: "Run would remove too many observations", frictionless: "general-error" },
  RUN_FAILED: { severity: "error", stage: "run", title: "Run failed", frictionless: "general-error" },
} as const satisfies Record<string, CodeInfo>;

export type IssueCode = keyof typeof ISSUE_CODES;
