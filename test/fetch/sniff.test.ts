/** sniff: an HTML page served where a CSV or a zip was expected. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { htmlVerdict, sniffHtml } from "../../src/fetch/sniff.js";
import { tempDir } from "../helpers/fixtures.js";

const head = (text: string) => Buffer.from(text, "utf8");

describe("htmlVerdict", () => {
  it("Content-Type text/html (with parameters, any case) is an HTML page, whatever the body", () => {
    expect(htmlVerdict("text/html; charset=utf-8", head("country,value\n"))).toBe("the server sent an HTML page (Content-Type text/html; charset=utf-8), not the data file");
    expect(htmlVerdict("TEXT/HTML", head(""))).not.toBeNull();
    expect(htmlVerdict("application/xhtml+xml", head(""))).not.toBeNull();
  });

  it("a body starting with <!DOCTYPE html or <html, after a BOM and white space, is an HTML page", () => {
    expect(htmlVerdict("text/csv", head("\uFEFF  \r\n<!DOCTYPE html>\n<html><body>Service unavailable</body></html>"))).toBe(
      'the server sent an HTML page (it starts with "<!DOCTYPE html>\\n<html><body>Service unav"), not the data file',
    );
    expect(htmlVerdict(null, head("<html lang=en>"))).not.toBeNull();
    expect(htmlVerdict(null, head("<HTML>"))).not.toBeNull();
    expect(htmlVerdict("application/octet-stream", head("<!doctype HTML>"))).not.toBeNull();
  });

  it("CSV, zip and text that merely mention html are not", () => {
    expect(htmlVerdict("text/csv", head("country,value\nKEN,<html>\n"))).toBeNull();
    expect(htmlVerdict(null, head("PK\u0003\u0004"))).toBeNull();
    expect(htmlVerdict("text/plain", head("<htmlish,column\n"))).toBeNull();
    expect(htmlVerdict(null, head(""))).toBeNull();
  });

  it("sniffHtml reads the first bytes of a file", async () => {
    const path = join(tempDir(), "page");
    writeFileSync(path, `<html>${"x".repeat(5000)}</html>`);
    expect(await sniffHtml(path, null)).toMatch(/^the server sent an HTML page/);
  });
});
