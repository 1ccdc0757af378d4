import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The static build (dist/, written by `trunk build --release` at the workspace root), served
// by static-server.mjs as a plain static host would: unknown paths get 404.html. Same browser,
// flags and fixtures as the server build's tests.
const port = Number(process.env.STATIC_PORT ?? 3200);

export default defineConfig({
  ...base,
  testDir: "./static",
  outputDir: "test-results-static",
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: "playwright-report-static" }]],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `node static-server.mjs ../dist ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
});
