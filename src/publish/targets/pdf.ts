/**
 * Target `pdf`: a summary report of the release (summary.pdf) for people rather than programs:
 * headline figures, the countries side by side, charts, data quality and sources. The report is
 * built as a plain model (src/report/) from the observations as they stream past (kept whole
 * up to 100,000, as a digest past that: report/digest.ts) and the pipeline's entities (which
 * codes are groups: report/entities.ts), choosing what to show from the data's shape and these
 * options (report/selection.ts), and drawn with pdfkit
 * (src/report/pdf/). It is a "meta" target: it is drawn after the data files and the engine's
 * reports are written, so it can list them with their checksums, and before the data package,
 * which describes it. Its bytes depend only on the release: dates come from the release's
 * generation time (SOURCE_DATE_EPOCH), fonts from an npm package.
 */
import { ObservationDigest } from "../../report/digest.js";
import { summaryOptionProblems, type SummaryOptions } from "../../report/options.js";
import { buildSummary } from "../../report/summary.js";
import type { PublishTarget } from "../../contracts/target.js";

export interface PdfOptions extends SummaryOptions {
  readonly file?: string;
}

export function pdf(options: PdfOptions = {}): PublishTarget {
  const problems = summaryOptionProblems(options, ["file"]);
  if (problems.length > 0) throw new TypeError(`Invalid option for target "pdf": ${problems.join("; ")}`);
  return {
    type: "pdf",
    file: options.file ?? "summary.pdf",
    mediaType: "application/pdf",
    phase: "meta",
    spec: { factory: "pdf", options: options },
    open(ctx, sink) {
      const digest = new ObservationDigest();
      return {
        async rows(batch) {
          digest.add(batch);
        },
        async close(files) {
          const note = digest.note();
          const periods = digest.periods();
          const model = buildSummary(
            {
              ...ctx,
              observations: digest.observations(),
              ...(ctx.entities ? { entities: ctx.entities } : {}),
              issues: ctx.issues.examples,
              counts: ctx.issues.counts,
              examplesPerCode: ctx.issues.examplesPerCode,
              ...(periods ? { periods } : {}),
              files,
              totals: { reported: ctx.observations.reported, derived: ctx.observations.derived, errors: ctx.issues.errors, warnings: ctx.issues.warnings },
              ...(note ? { notes: [note] } : {}),
            },
            options,
          );
          // pdfkit and its fonts are loaded here, when a report is drawn, not when the tool
          // starts: a run without a PDF (or a worker thread) does not pay their 25 MB and startup time.
          const { renderSummaryPdf } = await import("../../report/pdf/render.js");
          await sink.write(await renderSummaryPdf(model));
          return { rows: null };
        },
      };
    },
  };
}
