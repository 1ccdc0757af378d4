// Browser half of the search benchmark: serves a generated library with the release build
// (timing its start-up and reading its peak memory), then in Chromium counts what the
// library page transfers (its data after hydration; the index chunks and the cards of the
// results shown, for a first search and for a session of ten), and times each topic change and each search keystroke once the
// chunks are in: the filtering work itself (the app's `wellspring:filter` performance
// measure) and input to the next painted frame. Prints a Markdown table row. Run through
// bench/search.sh.
import { chromium } from "../end2end/node_modules/@playwright/test/index.mjs";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";
import { CHROMIUM, CHROMIUM_FLAGS } from "./chromium.mjs";

const [dir, n, port = "3200"] = process.argv.slice(2);
const addr = `127.0.0.1:${port}`;
const started = performance.now();
const server = spawn("target/release/server", [], {
  env: { ...process.env, LEPTOS_SITE_ADDR: addr, WELLSPRING_CONTENT_DIR: dir, RUST_LOG: "warn" },
  stdio: "inherit",
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

try {
  for (let i = 0; i < 1000; i++) {
    try { await fetch(`http://${addr}/readyz`); break; } catch { await new Promise((r) => setTimeout(r, 10)); }
  }
  const startup = (performance.now() - started) / 1000;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
  const page = await browser.newPage();
  // Bytes of the search data with brotli: the index meta with the shelf (and the cards of a
  // small library), each chunk, and the cards of results (a large library's).
  const transfers = [];
  // Pushed as the request finishes, its size read later: the order of requests is kept.
  page.on("requestfinished", (request) => {
    const url = request.url();
    if (!url.includes("/api/search-") && !url.includes("/api/cards-of")) return;
    const chunk = !url.includes("/api/search-index");
    // The body as the server sends it with brotli (what Chromium reports of responses that
    // pass through the service worker is not their size on the wire).
    transfers.push(
      request.response().then(async (r) => ({ chunk, bytes: brotliCompressSync(await r.body()).length })),
    );
  });
  const settle = async () => {
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(100);
  };
  const sum = async (from, to, chunks) => {
    const done = (await Promise.all(transfers.slice(from, to))).filter((t) => t.chunk === chunks);
    return { count: done.length, kb: done.reduce((s, t) => s + t.bytes, 0) / 1024 };
  };
  await page.goto(`http://${addr}/`);
  await page.waitForSelector(".cards[data-complete]");
  await settle();
  await page.waitForSelector("article.card");
  const meta = (await sum(0, transfers.length, false)).kb;
  const ask = async (q) => {
    await page.fill("#search-input", q);
    await settle();
  };
  const mark = transfers.length;
  await ask("sleep");
  const firstSearch = await sum(mark, transfers.length, true);
  // A session of ten searches, the first one included.
  for (const q of ["anxious", "stress work", "walk", "teen", "gut", "therapy", "recovery", "winter light", "slepe"]) {
    await ask(q);
  }
  const sessionSearch = await sum(mark, transfers.length, true);
  const kb = ({ count, kb }) => `${count}, ${kb.toFixed(0)}`;
  const first = kb(firstSearch);
  const session = kb(sessionSearch);
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  await page.fill("#search-input", "");
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
  console.log(`| ${n} | ${startup.toFixed(2)} | ${peakMb.toFixed(0)} | ${meta.toFixed(0)} | ${first} | ${session} | ${f(median(topicWork))} | ${f(median(topicFrames))} | ${f(median(keyWork))} | ${f(median(keyFrames))} | ${cardsInDom} |`);
} finally {
  server.kill();
}
