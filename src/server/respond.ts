/** The server's own short answers (404, 405, 301, errors): plain text, never cached, never compressed. */
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { CACHE_ERROR, CACHE_STABLE } from "./headers.js";

/** Headers a file response may have set that do not describe a short answer. */
const FILE_HEADERS = ["Content-Type", "Content-Length", "Content-Range", "Content-Encoding", "ETag", "Last-Modified", "Cache-Control", "Accept-Ranges", "Vary"];

export function answer(req: IncomingMessage, res: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}): void {
  if (res.headersSent) {
    // A file's stream failed after its headers went out: the client must see a cut-off response,
    // not a complete-looking short one.
    res.destroy();
    return;
  }
  for (const h of FILE_HEADERS) res.removeHeader(h);
  const body = `${status} ${STATUS_CODES[status] ?? ""}\n`;
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.setHeader("Cache-Control", status >= 400 ? CACHE_ERROR : CACHE_STABLE);
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  res.end(req.method === "HEAD" ? undefined : body);
}
