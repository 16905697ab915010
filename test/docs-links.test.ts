/**
 * The documentation stays navigable: every relative link of README.md, docs/*.md and the
 * pipelines' READMEs leads to a file of the checkout, and every `#anchor` to a heading of its
 * page, as GitHub makes anchors from headings (github-slugger: lower case, punctuation dropped,
 * spaces to hyphens, `-1`, `-2` for repeats).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import GithubSlugger from "github-slugger";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { docPage, docPaths, docSection } from "./helpers/docs.js";

type Link = { from: string; line: number; target: string };

/** The lines of a page outside fenced code blocks, with their numbers. */
function prose(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split("\n").forEach((l, i) => {
    const open = /^\s*(```|~~~)/.exec(l)?.[1];
    if (open !== undefined && (fence === null || fence === open)) fence = fence === null ? open : null;
    else if (fence === null) out.push({ line: i + 1, text: l });
  });
  return out;
}

/** Every inline link and image of a page (outside code) that is not absolute (`http:`, `https:`, `mailto:`). */
function relativeLinks(from: string, text: string): Link[] {
  return prose(text).flatMap(({ line, text: l }) =>
    [...l.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({ from, line, target: m[1]! })).filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link.target)),
  );
}

/** The anchors GitHub gives the headings of a page, repeats numbered. */
function anchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(
    prose(text)
      .map((l) => /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l.text)?.[1])
      .filter((h): h is string => h !== undefined)
      .map((h) => slugger.slug(h)),
  );
}

/** What is wrong with one link, or null: its file missing, or its anchor not a heading there. */
function problem(link: Link): string | null {
  const [path = "", anchor] = link.target.split("#", 2);
  const file = path === "" ? link.from : normalize(join(dirname(link.from), decodeURIComponent(path)));
  const where = `${link.from}:${link.line} (${link.target})`;
  if (file.startsWith("..")) return `${where}: leads outside the checkout`;
  if (!existsSync(join(ROOT, file))) return `${where}: no file ${file}`;
  if (anchor === undefined) return null;
  if (!file.endsWith(".md") || statSync(join(ROOT, file)).isDirectory()) return `${where}: an anchor into a file that is not a page`;
  return anchors(docPage(file)).has(anchor) ? null : `${where}: ${file} has no heading with the anchor #${anchor}`;
}

const pipelineReadmes = readdirSync(join(ROOT, "pipelines"))
  .map((id) => `pipelines/${id}/README.md`)
  .filter((p) => existsSync(join(ROOT, p)));
const pages = [...docPaths(), ...pipelineReadmes];

describe("links of the docs", () => {
  it("reads README.md, the pages of docs/ and the pipelines' READMEs", () => {
    expect(pages).toEqual(expect.arrayContaining(["README.md", "docs/readers.md", "docs/outputs.md", "docs/cli.md", "pipelines/world-internet-use/README.md"]));
    // The front page links every page of docs/.
    const fromReadme = new Set(relativeLinks("README.md", docPage("README.md")).map((l) => l.target.split("#")[0]));
    for (const page of docPaths().slice(1)) expect([page, fromReadme.has(page)]).toEqual([page, true]);
  });

  it("every relative link leads to a file, and every anchor to a heading of its page", () => {
    const links = pages.flatMap((p) => relativeLinks(p, docPage(p)));
    expect(links.length).toBeGreaterThan(50);
    expect(links.map(problem).filter((p) => p !== null)).toEqual([]);
  });

  it("the checker finds a broken file, a broken anchor, and anchors as GitHub makes them", () => {
    const page = "# Top\n\n## `readers.figures` and `readers.sources`\n\n## One run at a time: the lock, and exit code 3\n\n## Top\n\n```sh\n# not a heading\n```\n";
    expect([...anchors(page)]).toEqual(["top", "readersfigures-and-readerssources", "one-run-at-a-time-the-lock-and-exit-code-3", "top-1"]);
    const links = relativeLinks("docs/x.md", "[a](cli.md) [b](nope.md) [c](cli.md#nope) [d](https://x.org/y) `[e](z.md)`\n```\n[f](g.md)\n```\n[h](#the-command-line)");
    expect(links.map((l) => l.target)).toEqual(["cli.md", "nope.md", "cli.md#nope", "#the-command-line"]);
    expect(links.map(problem)).toEqual([
      null,
      "docs/x.md:1 (nope.md): no file docs/nope.md",
      "docs/x.md:1 (cli.md#nope): docs/cli.md has no heading with the anchor #nope",
      "docs/x.md:5 (#the-command-line): no file docs/x.md",
    ]);
    expect(problem({ from: "docs/scheduling.md", line: 9, target: "#run-history" })).toBeNull();
    expect(problem({ from: "docs/scheduling.md", line: 9, target: "#run-histories" })).toBe("docs/scheduling.md:9 (#run-histories): docs/scheduling.md has no heading with the anchor #run-histories");
    expect(problem({ from: "README.md", line: 1, target: "docs/cli.md#the-command-line" })).toBeNull();
    expect(problem({ from: "README.md", line: 1, target: "../outside.md" })).toBe("README.md:1 (../outside.md): leads outside the checkout");
  });
});

describe("test/helpers/docs.ts", () => {
  it("fails on a page or a section that is not there, so a test reading it cannot pass silently", () => {
    expect(() => docPage("docs/no-such-page.md")).toThrow("docs/no-such-page.md does not exist");
    expect(() => docSection("docs/outputs.md", "No such section")).toThrow('docs/outputs.md has no section "## No such section"');
    const outputs = docSection("docs/outputs.md", "Outputs");
    expect(outputs.startsWith("## Outputs\n")).toBe(true);
    expect(outputs).not.toContain("\n## Publishing\n");
  });
});
