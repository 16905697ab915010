/**
 * The catalogue of an out folder: every published dataset, as the catalogue page shows it and
 * as catalog.json gives it to programs.
 *
 * catalog.json links each dataset's current data package rather than inlining it: a package's
 * resource paths are relative to its own folder, so a copy inlined here would need them
 * rewritten and would no longer be the bytes its checksum covers. It gives instead, per
 * dataset, what a program needs to choose one (title, description, licence, release, rows)
 * and, for the data package and each file, the stable URL of the latest version, the pinned URL
 * of this release and the sha256, so one request to catalog.json and one per dataset get
 * everything. URLs are absolute with a base URL, else relative to catalog.json (the root).
 */
import { sitePath } from "../report/html/escape.js";
import type { CatalogueEntryView, CatalogueView } from "../report/html/view.js";
import { INDEX_FILE, RELEASES_DIR } from "../contracts/layout.js";
import { GENERATOR, distributions, headingOf, licenseOf } from "./dataset-view.js";
import { DATAPACKAGE_FILE, type PublishedDataset } from "./published.js";
import type { SiteUrls } from "./urls.js";

const LINK_LABELS: Readonly<Record<string, string>> = { csv: "CSV", json: "JSON", datapackage: "data package", pdf: "PDF summary" };

function entryView(d: PublishedDataset): CatalogueEntryView {
  return {
    ...headingOf(d),
    releases: d.index.releases.length,
    page: sitePath(d.id, ""),
    links: distributions(d).map((f) => ({ label: LINK_LABELS[f.type] ?? f.file, href: sitePath(d.id, f.file) })),
  };
}

export function catalogueView(datasets: readonly PublishedDataset[], urls: SiteUrls): CatalogueView {
  return { datasets: datasets.map(entryView), canonical: urls.absolute(""), generator: GENERATOR };
}

/** catalog.json's content: keys in a fixed order, datasets by id. */
export function catalogJson(datasets: readonly PublishedDataset[], urls: SiteUrls): unknown {
  return {
    generator: GENERATOR,
    ...(urls.base ? { base: urls.base } : {}),
    page: urls.ref("index.html"),
    feed: urls.ref("feed.xml"),
    datasets: datasets.map((d) => {
      const pkg = d.current.files.find((f) => f.file === DATAPACKAGE_FILE);
      return {
        id: d.id,
        title: d.datapackage.title || d.id,
        description: d.datapackage.description,
        license: licenseOf(d),
        page: urls.ref(sitePath(d.id, "")),
        release: { id: d.current.id, generatedAt: d.current.generatedAt, observations: d.current.observations },
        releases: urls.ref(sitePath(d.id, INDEX_FILE)),
        datapackage: {
          latest: urls.ref(sitePath(d.id, DATAPACKAGE_FILE)),
          pinned: urls.ref(sitePath(d.id, RELEASES_DIR, d.current.id, DATAPACKAGE_FILE)),
          sha256: pkg?.sha256 ?? null,
        },
        files: distributions(d).map((f) => ({
          file: f.file,
          type: f.type,
          mediaType: f.mediaType,
          bytes: f.bytes,
          rows: f.rows,
          sha256: f.sha256,
          latest: urls.ref(sitePath(d.id, f.file)),
          pinned: urls.ref(sitePath(d.id, RELEASES_DIR, d.current.id, f.file)),
        })),
      };
    }),
  };
}
