import { defineConfig } from "vitest/config";

/**
 * The default run is offline: unit and component tests only. Tests against real services
 * (`*.int.test.ts`, e.g. an OpenAI-compatible server) are kept out of it, as LangChain.js does.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.int.test.ts"],
    // hnswlib-node is a native addon: child processes isolate it better than worker threads.
    pool: "forks",
    // Index builds over the corpus take about half a second each; CLI tests spawn tsx processes.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    restoreMocks: true,
  },
});
