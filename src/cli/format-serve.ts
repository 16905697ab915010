/** `serve`'s lines for people on a terminal; elsewhere it prints the same events as JSON lines. */
import type { AccessEntry } from "../server/log.js";

export type ServeEvent = { event: "listening"; at: string; url: string; out: string } | { event: "stopping"; at: string; signal: string } | { event: "stopped"; at: string } | AccessEntry;

/** Control characters are shown escaped, so a request cannot write to the terminal. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export function formatServeEvent(e: ServeEvent): string {
  switch (e.event) {
    case "listening":
      return `${e.at} serving ${e.out} at ${e.url} (Ctrl-C stops)`;
    case "stopping":
      return `${e.at} received ${e.signal}: no new connections; requests in flight may finish (a second signal cuts them off)`;
    case "stopped":
      return `${e.at} stopped`;
    case "request": {
      // `2026-12-05T11:15:31.662Z GET /id/indicators.csv 200 3881 B 1.2 ms "curl/8.0"`
      const ua = e.ua === null ? "-" : `"${printable(e.ua)}"`;
      return `${e.at} ${printable(e.method)} ${printable(e.path)} ${e.status} ${e.bytes} B ${e.ms} ms ${ua}${e.aborted ? " (aborted)" : ""}`;
    }
  }
}
