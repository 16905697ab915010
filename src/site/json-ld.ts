/**
 * The schema.org `Dataset` each dataset page embeds as JSON-LD, for search engines (Google's
 * Dataset search reads exactly this): what it is, under which licence, from whom, the files
 * (`distribution`), the time and places covered, the indicators (`variableMeasured`), the
 * sources it rests on (`isBasedOn`) and when it last changed. Everything comes from the
 * published release; URLs are absolute with a base URL, else relative to the page.
 */
import { sitePath } from "../report/html/escape.js";
import type { PublishedDataset } from "./published.js";
import type { Scan } from "./scan.js";
import type { SiteUrls } from "./urls.js";

/** ISO 8601 time of the periods covered: one period, or an interval `2015/2018-12`. */
export function temporalCoverage(periods: { first: string; last: string } | null): string | null {
  if (periods === null) return null;
  return periods.first === periods.last ? periods.first : `${periods.first}/${periods.last}`;
}

export function datasetJsonLd(d: PublishedDataset, scan: Scan | null, urls: SiteUrls, files: readonly { file: string; mediaType: string; bytes: number }[]): Record<string, unknown> {
  const p = d.datapackage;
  const license = p.licenses[0];
  const page = urls.absolute(`${d.id}/`);
  const publishers = [...new Set(p.sources.map((s) => s.publisher).filter((x) => x !== ""))];
  const coverage = temporalCoverage(scan?.periods ?? null);
  const ld: Record<string, unknown> = {
    "@context": "https://schema.org/",
    "@type": "Dataset",
    ...(page ? { "@id": page, url: page } : {}),
    name: p.title || d.id,
    description: p.description,
    identifier: d.id,
    version: d.current.id,
    ...(license ? { license: license.path || license.name } : {}),
    // The figures are the sources' publishers' work; the dataset states who published them.
    creator: publishers.map((name) => ({ "@type": "Organization", name })),
    dateModified: d.current.generatedAt,
    ...(coverage ? { temporalCoverage: coverage } : {}),
    ...(scan && scan.entities.size > 0 ? { spatialCoverage: [...scan.entities].map(([code, name]) => ({ "@type": "Place", name, identifier: code })) } : {}),
    variableMeasured: p.indicators.map((i) => ({ "@type": "PropertyValue", propertyID: i.code, name: i.name || i.code, description: i.description, unitText: i.unit })),
    isBasedOn: p.sources.map((s) => ({
      "@type": "CreativeWork",
      identifier: s.id,
      name: s.title,
      ...(s.path ? { url: s.path } : {}),
      ...(s.publisher ? { publisher: { "@type": "Organization", name: s.publisher } } : {}),
      ...(s.published ? { datePublished: s.published } : {}),
      ...(s.license ? { license: s.license } : {}),
    })),
    distribution: files.map((f) => ({ "@type": "DataDownload", name: f.file, contentUrl: urls.ref(sitePath(d.id, f.file), `${d.id}/`), encodingFormat: f.mediaType, contentSize: `${f.bytes} B` })),
    ...(urls.absolute("") ? { includedInDataCatalog: { "@type": "DataCatalog", url: urls.absolute("") } } : {}),
  };
  return ld;
}
