#!/usr/bin/env node
// The `openfigures` command. In a checkout (src/ present and tsx installed) it runs the
// TypeScript source, so it is never behind an edit; in an installed package it runs dist/.
// Scheduled and production runs can call `node dist/src/cli/bin.js` directly (npm run build).
import { existsSync } from "node:fs";

const source = new URL("../src/cli/bin.ts", import.meta.url);
const built = new URL("../dist/src/cli/bin.js", import.meta.url);

let useSource = existsSync(source);
if (useSource) {
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch {
    useSource = false;
  }
}
if (!useSource && !existsSync(built)) {
  console.error("openfigures: neither the TypeScript source (with tsx) nor dist/ is available; run `npm ci` or `npm run build`");
  process.exit(2);
}
await import(useSource ? source.href : built.href);
