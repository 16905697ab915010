/** The little of `compression` (pinned in package.json) that server.ts uses. @types/compression
 *  would bring in all of Express's types for this one function. */
declare module "compression" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  interface CompressionOptions {
    /** Called once the response's status and headers are set; false leaves it uncompressed. */
    filter?(req: IncomingMessage, res: ServerResponse): boolean;
    /** Bytes below which a response is not compressed (default 1 KiB). */
    threshold?: number | string;
  }
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  function compression(options?: CompressionOptions): Middleware;
  export = compression;
}
