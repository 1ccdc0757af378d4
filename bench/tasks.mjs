// Task half of bench/tasks.sh: what the long main-thread tasks of a page are made of. Lighthouse
// says how long a task was (bench/lighthouse.mjs), not what ran in it, and release WASM has no
// function names; Chromium's own trace does say it: V8 compiling WASM functions on their first
// call (`wasm.CompileLazy`), running script, style, layout, parsing. Each PATH is loaded in a
// fresh context of Debian's Chromium with the CPU slowed as Lighthouse's phone is (4x), for
// SETTLE ms after load (the page must have hydrated by then); then every task of at least MIN ms
// (Lighthouse's long task: 50) is printed with its parts, as a Markdown table.
//
//   node bench/tasks.mjs http://127.0.0.1:3000 / /saved
//   BENCH_TASKS_SLOWDOWN=4 BENCH_TASKS_MIN_MS=50 BENCH_TASKS_RUNS=3 BENCH_TASKS_SETTLE_MS=5000
//   (the defaults)
//
// Playwright comes from end2end/ (scripts/setup --tests installs it), as in search-browser.mjs.
import { chromium } from "../end2end/node_modules/@playwright/test/index.mjs";
import { CHROMIUM, CHROMIUM_FLAGS } from "./chromium.mjs";

const [base, ...paths] = process.argv.slice(2);
const SLOWDOWN = Number(process.env.BENCH_TASKS_SLOWDOWN ?? 4);
// Lighthouse's long task: only the time past it blocks input.
const LONG_TASK_MS = 50;
const MIN_MS = Number(process.env.BENCH_TASKS_MIN_MS ?? LONG_TASK_MS);
const RUNS = Number(process.env.BENCH_TASKS_RUNS ?? 3);
const SETTLE_MS = Number(process.env.BENCH_TASKS_SETTLE_MS ?? 5000);
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "blink", "loading"];

// Trace event names grouped into what a reader of the table needs to tell apart.
function part(name) {
  if (name === "wasm.CompileLazy") return "WASM compile on first call";
  if (name.startsWith("wasm.")) return "WASM load";
  if (/^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|FireAnimationFrame|EventDispatch|BlinkScheduler_PerformMicrotaskCheckpoint|RunMicrotasks)/.test(name)) return "script";
  if (/Layout|ShapeText/.test(name)) return "layout";
  if (/Style|recalcStyle|rebuildLayoutTree|RuleSet|CSSParser/.test(name)) return "style";
  if (/Parse|Parser|Tokenizer|FinishedParsing|SetReadyState/.test(name)) return "HTML parsing";
  if (/Paint|Composit|^Commit$|Raster/.test(name)) return "paint";
  if (/requestResource|ResourceFetcher|ResponseBodyLoader|mojo|OnHandleReady/.test(name)) return "network glue";
  return "other";
}

async function trace(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url, { waitUntil: "load" });
  // A fixed wait, not a poll for the mark: Playwright's polling script would run on the
  // very thread being measured, and show up as long script tasks of its own.
  await page.waitForTimeout(SETTLE_MS);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const hydrated = await page.evaluate(() => document.body.dataset.hydrated === "true");
  await context.close();
  if (!hydrated) throw new Error(`${url} had not hydrated ${SETTLE_MS} ms after load: raise BENCH_TASKS_SETTLE_MS`);
  return traceEvents;
}

// The page's renderer main thread (the one that painted its first content: about:blank and
// the service worker have threads of their own), and its long top-level tasks, timed from
// the first task of that thread (the navigation's commit).
function longTasks(events) {
  const fcpEvent = events.find((e) => e.name === "firstContentfulPaint");
  if (!fcpEvent) throw new Error("the trace has no first contentful paint");
  const on = events.filter((e) => e.pid === fcpEvent.pid && e.tid === fcpEvent.tid);
  const slices = on.filter((e) => e.ph === "X" && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  for (const e of slices.filter((e) => /^(ThreadControllerImpl::)?RunTask$/.test(e.name))) {
    const last = top.at(-1);
    if (!last || e.ts >= last.ts + last.dur) top.push(e);
  }
  const start = top[0].ts;
  const fcp = (fcpEvent.ts - start) / 1000;
  const tasks = top.filter((e) => e.dur >= MIN_MS * 1000);
  return {
    fcp,
    tasks: tasks.map((task) => {
      // Self time of each slice inside the task: its time less its direct children's.
      const inside = slices.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
      const self = new Map();
      const stack = [];
      for (const e of inside) {
        while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
        const parent = stack.at(-1);
        if (parent) self.set(parent, self.get(parent) - e.dur);
        self.set(e, e.dur);
        stack.push(e);
      }
      const parts = new Map();
      for (const [e, us] of self) parts.set(part(e.name), (parts.get(part(e.name)) ?? 0) + us / 1000);
      return { at: (task.ts - start) / 1000, ms: task.dur / 1000, parts };
    }),
  };
}

const ms = (n) => `${Math.round(n)} ms`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_FLAGS,
});
try {
  console.log(`CPU slowed ${SLOWDOWN}x (devtools throttling), phone viewport, tasks of at least ${MIN_MS} ms; blocking = the time past ${LONG_TASK_MS} ms of a task after first contentful paint, as Lighthouse counts it.\n`);
  console.log("| page | run | FCP | task at | length | blocking | made of (self time, largest first) |");
  console.log("|---|---:|---:|---:|---:|---:|---|");
  for (const path of paths) {
    for (let run = 1; run <= RUNS; run++) {
      const { fcp, tasks } = longTasks(await trace(browser, base + path));
      let total = 0;
      for (const t of tasks) {
        const blocking = t.at >= fcp ? Math.max(0, t.ms - LONG_TASK_MS) : 0;
        total += blocking;
        const made = [...t.parts].filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${ms(v)}`).join(", ");
        console.log(`| \`${path}\` | ${run} | ${ms(fcp)} | ${ms(t.at)} | ${ms(t.ms)} | ${ms(blocking)} | ${made} |`);
      }
      console.log(`| \`${path}\` | ${run} | ${ms(fcp)} | **all** | | **${ms(total)}** | ${tasks.length} long tasks |`);
    }
  }
} finally {
  await browser.close();
}
