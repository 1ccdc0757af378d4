// Debian's Chromium as the browser benchmarks start it (lighthouse.mjs, tasks.mjs,
// search-browser.mjs): CHROME_PATH, as Lighthouse names it, or Debian's path; and flags that
// keep it on loopback: no background services, and no host but localhost resolves.
export const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
];
