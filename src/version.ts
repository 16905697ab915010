/** The tool's own version, from package.json (found from src/ in development and from dist/). */
import { readFileSync } from "node:fs";

function findVersion(): string {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "openfigures" && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return "0.0.0";
}

export const VERSION = findVersion();
