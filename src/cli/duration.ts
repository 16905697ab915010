/** How the CLI prints a time taken. */

/** Always in seconds, two decimals: run totals, so one run's line compares with the next. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Milliseconds below a second (a stage, a short run), seconds above. */
export function duration(ms: number): string {
  return ms >= 1000 ? seconds(ms) : `${ms} ms`;
}
