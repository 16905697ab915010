/**
 * Markup that escapes by default. Every value put into an `html` template is HTML-escaped by
 * escape-html (the escaper express and send use; already in the tree through send) unless it
 * is itself markup made by the tag, so a quote, a source title or a file name from a source
 * can never become markup, whatever it holds. Attribute values are always written in double
 * quotes in the templates; escape-html escapes `&`, `<`, `>`, `"` and `'`, which is what both
 * text and quoted attributes need.
 *
 * Two things escaping does not cover, handled here too:
 * - A URL from a source (`javascript:alert(1)`) is markup-safe once escaped but would still run
 *   when clicked: `externalHref` lets through http and https only.
 * - JSON inside `<script>`: the HTML parser ends the script at `</script` and treats `<!--`
 *   specially, whatever the JSON means. `jsonScript` writes `<`, `>` and `&` as \u escapes,
 *   which JSON reads back as the same characters.
 */
import escapeHtml from "escape-html";

/** Markup that is safe to write as is: made by `html`, or a trusted constant given to `trusted`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join("");
  return escapeHtml(String(value));
}

/** The tag: literal parts are the template's own markup; every value is escaped unless Html. */
export function html(strings: TemplateStringsArray, ...values: readonly Value[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** For constants of the program (the style sheet): never for anything read from a file. */
export function trusted(text: string): Html {
  return new Html(text);
}

/** JSON for a `<script type="application/ld+json">` element: parses back to `value`, and
 *  holds no `<`, `>` or `&` that the HTML parser could read. */
export function jsonScript(value: unknown, indent = 2): Html {
  const json = JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return new Html(json);
}

/** A link target from a source: http(s) URLs only, else null (the text is shown unlinked). */
export function externalHref(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** A relative link inside the site, each segment percent-encoded: a file name read from a
 *  release (`javascript:x`, `a b`) stays a path, never a scheme or a second segment. A trailing
 *  "" gives a folder's link (`china/` ). */
export function sitePath(...segments: readonly string[]): string {
  return segments.map((s) => (s === ".." ? s : encodeURIComponent(s))).join("/");
}
