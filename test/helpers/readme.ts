/** The README, for the tests that check its examples, and one of its sections by title. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

export const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The section under the heading `## <title>`, up to the next `## ` heading or the end. */
export function readmeSection(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  // A renamed heading must fail the test that reads it, not hand it some other text.
  if (start === -1) throw new Error(`README.md has no section "## ${title}"`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start + 1, end === -1 ? undefined : end);
}
