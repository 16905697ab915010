/**
 * Target `pdf`: a summary report of the release (summary.pdf) for people rather than programs:
 * headline figures, the countries side by side, charts, data quality and sources. The report is
 * built as a plain model from the published observations (src/report/) and drawn with pdfkit
 * (src/report/pdf/). It runs in the "meta" phase, after the data files and the engine's
 * reports, so it can list them with their checksums; list it before `datapackage` in a
 * pipeline's outputs (meta targets run in order) so the data package describes the PDF too.
 * Its bytes depend only on the release: dates come from the release's generation time
 * (SOURCE_DATE_EPOCH), fonts from an npm package.
 */
import { summaryOptionProblems, type SummaryOptions } from "../report/options.js";
import { renderSummaryPdf } from "../report/pdf/render.js";
import { buildSummary } from "../report/summary.js";
import type { PublishTarget } from "./target.js";

export interface PdfOptions extends SummaryOptions {
  readonly file?: string;
}

export function pdf(options: PdfOptions = {}): PublishTarget {
  const problems = summaryOptionProblems(options);
  if (problems.length > 0) throw new TypeError(`Invalid option for target "pdf": ${problems.join("; ")}`);
  return {
    type: "pdf",
    file: options.file ?? "summary.pdf",
    mediaType: "application/pdf",
    phase: "meta",
    async write(ctx, sink) {
      await sink.write(await renderSummaryPdf(buildSummary(ctx, options)));
      return { rows: null };
    },
  };
}
