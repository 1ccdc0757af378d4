// Takes screenshots of the main pages at desktop and phone widths, light and dark, for a
// person to look at (and for the README). Usage, with the app running:
//   node screenshots.mjs [base-url] [out-dir]
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = process.argv[3] ?? "screenshots";
const pages = {
  library: "/",
  topic: "/?topic=anxiety-stress",
  article: "/articles/meditation-for-anxiety",
  help: "/help",
  saved: "/saved",
  data: "/my-data",
  offline: "/offline",
  missing: "/no-such-page",
};
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const [sizeName, viewport] of Object.entries(sizes)) {
  for (const colorScheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(base + path);
      await page.waitForSelector("body[data-hydrated]", { timeout: 15000 }).catch(() => {});
      await page.screenshot({ path: `${out}/${name}-${sizeName}-${colorScheme}.png`, fullPage: false });
    }
    await context.close();
  }
}
await browser.close();
