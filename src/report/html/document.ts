/**
 * The shell every page shares: `lang`, the character set, a viewport, the title, the inline
 * style sheet, the feed's link, optional JSON-LD, a skip link and a footer. No script runs and
 * nothing is loaded from elsewhere: a page is one file. The empty `data:` icon keeps browsers
 * from asking the server for /favicon.ico, which a static folder does not have.
 */
import { html, jsonScript, type Html } from "./escape.js";
import { STYLE } from "./theme.js";

export interface DocumentParts {
  readonly title: string;
  readonly description: string;
  /** The feed, relative to the page. */
  readonly feed: string;
  readonly canonical: string | null;
  readonly jsonLd?: unknown;
  /** `<meta>` pairs that identify the build (generator, stamp). */
  readonly meta: readonly (readonly [string, string])[];
  readonly header: Html;
  readonly main: Html;
  readonly footer: Html;
}

export function renderDocument(p: DocumentParts): string {
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${p.title}</title>
<meta name="description" content="${p.description}">
${p.meta.map(([name, content]) => html`<meta name="${name}" content="${content}">\n`)}${p.canonical === null ? "" : html`<link rel="canonical" href="${p.canonical}">\n`}<link rel="alternate" type="application/atom+xml" title="Releases (Atom feed)" href="${p.feed}">
<style>
${STYLE}
</style>
${
  p.jsonLd === undefined
    ? ""
    : html`<script type="application/ld+json">
${jsonScript(p.jsonLd)}
</script>
`
}</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header>
${p.header}
</header>
<main id="main">
${p.main}
</main>
<footer>
${p.footer}
</footer>
</body>
</html>
`;
  return page.text;
}
