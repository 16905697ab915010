/**
 * The html tag escapes every value unless it is markup made by the tag: text and double-quoted
 * attribute values alike. JSON for a script element parses back to the same value and cannot
 * end the element. Links from sources are http(s) only; site paths stay paths.
 */
import { describe, expect, it } from "vitest";
import { externalHref, html, jsonScript, sitePath, trusted } from "../../../src/report/html/escape.js";

describe("html`…`", () => {
  it("escapes a value in text: <script> shows as text", () => {
    const quote = "<script>alert(1)</script> & more";
    expect(html`<p>${quote}</p>`.text).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>");
  });

  it("escapes both quote characters in an attribute value, so a value cannot end the attribute", () => {
    const title = `x" onmouseover="alert(1)' data-x='`;
    const out = html`<a title="${title}">t</a>`.text;
    expect(out).toBe('<a title="x&quot; onmouseover=&quot;alert(1)&#39; data-x=&#39;">t</a>');
    expect(out.match(/"/g)).toHaveLength(2);
  });

  it("writes markup made by the tag as markup, arrays joined, null/undefined/false as nothing", () => {
    const items = ["a<b", "c"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.text).toBe("<ul><li>a&lt;b</li><li>c</li></ul>0");
  });

  it("does not treat a string that looks like markup as markup", () => {
    expect(html`${"<b>bold</b>"}`.text).toBe("&lt;b&gt;bold&lt;/b&gt;");
    expect(html`${trusted("<b>bold</b>")}`.text).toBe("<b>bold</b>");
  });
});

describe("jsonScript", () => {
  it("holds no </script, <!-- or & and parses back to the same value", () => {
    const value = { description: 'a </script><script>alert(1)</script> <!-- x --> & "q" \u2028' };
    const text = jsonScript(value).text;
    expect(text).not.toMatch(/<|>|&/);
    expect(text).not.toContain("\u2028");
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("externalHref", () => {
  it("lets http and https through, normalised", () => {
    expect(externalHref("https://example.org/a b")).toBe("https://example.org/a%20b");
    expect(externalHref(" http://example.org")).toBe("http://example.org/");
  });

  it("refuses other schemes and what is not a URL", () => {
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>x</script>", "vbscript:x", "/relative", "not a url", ""]) {
      expect(externalHref(bad), bad).toBeNull();
    }
  });
});

describe("sitePath", () => {
  it("encodes each segment, so a file name cannot become a scheme or another folder", () => {
    expect(sitePath("releases", "20191025T104000Z-3e47d277", "indicators.csv")).toBe("releases/20191025T104000Z-3e47d277/indicators.csv");
    expect(sitePath("javascript:alert(1)")).toBe("javascript%3Aalert(1)");
    expect(sitePath("a/b", "c?d#e")).toBe("a%2Fb/c%3Fd%23e");
    expect(sitePath("china", "")).toBe("china/");
  });
});
