/** `on-headers` (pinned in package.json; compression's own helper): calls `listener` just before
 *  `res` writes its headers. Listeners added later run first. */
declare module "on-headers" {
  import type { ServerResponse } from "node:http";
  function onHeaders(res: ServerResponse, listener: (this: ServerResponse) => void): void;
  export = onHeaders;
}
