// Browser half of the search benchmark: serves a generated library with the release build,
// then in Chromium times each topic change and each search keystroke, both the filtering
// work itself (the app's `wellspring:filter` performance measure) and input to the next
// painted frame. Prints a Markdown table. Run through bench/search.sh.
import { chromium } from "../end2end/node_modules/@playwright/test/index.mjs";
import { spawn } from "node:child_process";
import { CHROMIUM, CHROMIUM_FLAGS } from "./chromium.mjs";

const [dir, n, port = "3200"] = process.argv.slice(2);
const addr = `127.0.0.1:${port}`;
const server = spawn("target/release/server", [], {
  env: { ...process.env, LEPTOS_SITE_ADDR: addr, WELLSPRING_CONTENT_DIR: dir, RUST_LOG: "warn" },
  stdio: "inherit",
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

try {
  for (let i = 0; i < 200; i++) {
    try { await fetch(`http://${addr}/`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
  const page = await browser.newPage();
  let indexBytes = 0;
  const index = page.waitForResponse((r) => r.url().includes("/api/search-index"));
  await page.goto(`http://${addr}/`);
  const res = await index;
  indexBytes = (await res.body()).length;
  await page.waitForSelector("body[data-hydrated]");
  await page.evaluate(() => performance.clearMeasures());

  // Input to the second animation frame: the new list has been laid out and painted.
  const toFrame = (action) => page.evaluate(async (a) => {
    const t0 = performance.now();
    if (a.kind === "type") {
      const el = document.querySelector("#search-input");
      el.value += a.ch;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      [...document.querySelectorAll("nav[aria-label=Topics] a")].find((x) => x.textContent.startsWith(a.topic)).click();
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, action);

  const topicFrames = [];
  for (let round = 0; round < 5; round++) {
    for (const topic of ["Mindfulness", "Goals and growth", "Mindfulness", "Goals and growth"]) {
      topicFrames.push(await toFrame({ kind: "topic", topic }));
    }
  }
  const topicWork = await page.evaluate(() => performance.getEntriesByName("wellspring:filter").map((e) => e.duration));
  await page.evaluate(() => performance.clearMeasures());
  const keyFrames = [];
  for (let round = 0; round < 3; round++) {
    await page.fill("#search-input", "");
    for (const ch of "sleep") keyFrames.push(await toFrame({ kind: "type", ch }));
  }
  const keyWork = await page.evaluate(() => performance.getEntriesByName("wellspring:filter").map((e) => e.duration));
  const cardsInDom = await page.locator("article.card").count();
  await browser.close();
  const f = (x) => x.toFixed(2);
  console.log(`| ${n} | ${f(median(topicWork))} | ${f(median(topicFrames))} | ${f(median(keyWork))} | ${f(median(keyFrames))} | ${(indexBytes / 1024).toFixed(0)} | ${cardsInDom} |`);
} finally {
  server.kill();
}
