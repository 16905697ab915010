/**
 * The site through `openfigures serve`: pages as HTML, the feed as Atom, catalog.json as JSON
 * with CORS, pages with ETags, the site lock hidden; and every relative link on every page
 * answers 200, so the folder works as it is served.
 */
import { describe, expect, it } from "vitest";
import { serve } from "../helpers/serve.js";
import { PIPELINE, QUOTE_ROWS, siteFolder } from "../helpers/site.js";

/** The relative links (href and src) of a page, without fragments; absolute ones are left out. */
function relativeLinks(page: string): string[] {
  const links = [...page.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  return [...new Set(links.filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith("#")).map((l) => l.replace(/#.*$/, "")))];
}

describe("the site behind serve", () => {
  it("serves the catalogue, a dataset's page, the feed and catalog.json with their types", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const server = await serve(s.out);
    const root = await server.get("/");
    expect(root.status).toBe(200);
    expect(root.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(root.body.toString()).toContain(`<a href="${PIPELINE}/">Test figures</a>`);
    const bare = await server.get(`/${PIPELINE}`);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(`/${PIPELINE}/`);
    const page = await server.get(`/${PIPELINE}/`);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("public, no-cache");
    const etag = page.headers.etag!;
    expect((await server.get(`/${PIPELINE}/`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const feed = await server.get("/feed.xml");
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toBe("application/atom+xml");
    expect(feed.headers["access-control-allow-origin"]).toBe("*");
    const catalog = await server.get("/catalog.json");
    expect(catalog.headers["content-type"]).toBe("application/json");
    expect(catalog.headers["access-control-allow-origin"]).toBe("*");
    expect(JSON.parse(catalog.body.toString()).datasets[0].id).toBe(PIPELINE);
    expect((await server.get("/.site-lock/")).status).toBe(404);
    expect((await server.get("/.site-lock/.lock")).status).toBe(404);
  });

  it("answers 200 for every relative link of every page", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS, 1572000000);
    await s.publish(QUOTE_ROWS.slice(1), 1572086400);
    const server = await serve(s.out);
    const pages = ["/", `/${PIPELINE}/`];
    const checked: string[] = [];
    for (const path of pages) {
      const page = (await server.get(path)).body.toString();
      const links = relativeLinks(page);
      expect(links.length).toBeGreaterThan(path === "/" ? 4 : 20);
      for (const link of links) {
        const target = new URL(link, `http://x${path}`).pathname;
        const reply = await server.get(target, { method: "HEAD" });
        expect([target, reply.status]).toEqual([target, 200]);
        checked.push(target);
      }
    }
    // The pinned files of both releases are among them.
    expect(checked.filter((p) => p.includes("/releases/") && p.endsWith("/indicators.csv"))).toHaveLength(2);
  });
});
