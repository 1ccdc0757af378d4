// Renders the app icons in public/icons/ from public/icon.svg with Debian's Chromium
// (through the Playwright already installed for end2end/): 192 and 512 px as drawn, and
// a maskable 512 px (and a 180 px Apple touch icon) with the drop inside the safe zone on
// a full-bleed background, as launchers crop them to any shape.
// Run from the repository root: node scripts/icons.mjs
import { chromium } from "../end2end/node_modules/@playwright/test/index.mjs";
import { readFileSync } from "node:fs";

const svg = readFileSync("public/icon.svg", "utf8");
// The drop and wave without the rounded tile, scaled into the central 80% circle.
const inner = svg.replace(/^<svg[^>]*>/, "").replace("</svg>", "").replace(/<rect[^>]*\/>/, "");
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1f5f5b"/><g transform="translate(32 33) scale(0.72) translate(-32 -33)">${inner}</g></svg>`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage();
for (const [name, source, size] of [
  ["icon-192.png", svg, 192],
  ["icon-512.png", svg, 512],
  ["maskable-512.png", maskable, 512],
  ["apple-touch-icon.png", maskable, 180],
]) {
  await page.setViewportSize({ width: size, height: size });
  const sized = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${sized}`);
  await page.locator("svg").screenshot({ path: `public/icons/${name}`, omitBackground: true });
  console.log(`public/icons/${name}`);
}
await browser.close();
