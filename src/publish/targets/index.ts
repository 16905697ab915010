/** The publish targets, one per file; the file name is the target's type. */
export { csv } from "./csv.js";
export { json } from "./json.js";
export { datapackage } from "./datapackage.js";
export { pdf, type PdfOptions } from "./pdf.js";
export type { PublishTarget, PublishContext, PublishedFile, OutputSink } from "../../contracts/target.js";
