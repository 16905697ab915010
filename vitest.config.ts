import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Subprocess tests (npm start, CLI) start Node with tsx: allow them time on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
