/**
 * The documentation (README.md, the front page, and the pages of docs/), for the tests that run
 * its examples: a page, or one of its sections by title. A page or a section that is not there
 * fails the test that reads it, so that moving or renaming one never silently stops a check.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

/** README.md and every page of docs/, as paths from the root of the checkout. */
export function docPaths(): string[] {
  const pages = readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...pages];
}

/** The text of one page, by its path from the root (`"docs/pdf.md"`). */
export function docPage(path: string): string {
  const file = join(ROOT, path);
  if (!existsSync(file)) throw new Error(`${path} does not exist`);
  return readFileSync(file, "utf8");
}

/** The section of a page under the heading `## <title>`, up to the next `## ` heading or the end. */
export function docSection(path: string, title: string): string {
  const page = docPage(path);
  const start = page.indexOf(`\n## ${title}\n`);
  // A renamed heading must fail the test that reads it, not hand it some other text.
  if (start === -1) throw new Error(`${path} has no section "## ${title}"`);
  const end = page.indexOf("\n## ", start + 1);
  return page.slice(start + 1, end === -1 ? undefined : end);
}
