// Lighthouse half of bench/lighthouse.sh: audits each PATH of a running Wellspring with the
// pinned Lighthouse (bench/package.json) in Debian's Chromium (CHROME_PATH), mobile profile
// (Lighthouse's default: emulated phone, simulated slow 4G and CPU), a fresh Chromium per
// run, BENCH_LIGHTHOUSE_RUNS runs per page (default 3; the median run counts). Prints a
// Markdown table of the four category scores (×100), then the audits that fail (score below
// 0.9, as Lighthouse's report shows them) and any request that left loopback. A run that
// Lighthouse cannot complete is run again (up to RUNS more times). Exits non-zero if no run
// of a page completed or a request left loopback.
//
//   node bench/lighthouse.mjs http://127.0.0.1:3000 / /articles/some-slug /saved
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM, CHROMIUM_FLAGS } from "./chromium.mjs";

const [base, ...paths] = process.argv.slice(2);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// chrome-launcher starts a visible browser unless told otherwise.
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

async function audit(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROME_FLAGS,
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

// Audits of the four categories that Lighthouse's report lists as failing or errored.
function failing(lhr) {
  const out = new Map();
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      const scored = ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode);
      if ((scored && a.score !== null && a.score < 0.9) || a.scoreDisplayMode === "error") {
        const entry = out.get(a.id) ?? { a, categories: [] };
        entry.categories.push(id);
        out.set(a.id, entry);
      }
    }
  }
  return [...out.values()];
}

// Every request the page made (Lighthouse's network-requests audit) outside loopback.
function offLoopback(lhr) {
  const items = lhr.audits["network-requests"]?.details?.items ?? [];
  return items.map((i) => i.url).filter((u) => {
    const url = new URL(u);
    if (url.protocol === "data:" || url.protocol === "blob:") return false;
    return !LOOPBACK.has(url.hostname);
  });
}

// One line for an item of an audit's details: what it is about, and its numbers.
function describe(item, base) {
  const short = (s) => String(s).replaceAll(base.replace(/\/$/, ""), "").replace(/\s+/g, " ").slice(0, 200);
  const what = item.node?.snippet ?? item.description ?? item.groupLabel ?? item.scriptUrl ??
    item.source?.url ?? item.url ?? JSON.stringify(item);
  const where = item.node?.selector ?? item.sourceLocation?.url ?? "";
  const numbers = [
    ["total", "ms"], ["duration", "ms"], ["scripting", "ms scripting"], ["wastedMs", "ms to save"],
    ["wastedBytes", "bytes to save"], ["transferSize", "bytes"],
  ].filter(([k]) => typeof item[k] === "number").map(([k, unit]) => `${Math.round(item[k])} ${unit}`);
  if (typeof item.cacheLifetimeMs === "number") numbers.push(`cached ${item.cacheLifetimeMs / 1000} s`);
  for (const sub of item.subItems?.items ?? []) if (sub.error) numbers.push(sub.error);
  const at = where && where !== what ? ` at \`${short(where)}\`` : "";
  return `\`${short(what)}\`${at}${numbers.length ? `: ${numbers.join(", ")}` : ""}`;
}

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const perf = (lhr) => lhr.categories.performance?.score ?? -1;
const rows = [];
const metricRows = [];
const notes = [];
// The metrics the performance score is made of (Lighthouse 12's weights), each with its score.
const METRICS = [
  ["first-contentful-paint", "FCP"], ["largest-contentful-paint", "LCP"], ["speed-index", "SI"],
  ["total-blocking-time", "TBT"], ["cumulative-layout-shift", "CLS"],
];
let bad = false;
let slowdown; // the CPU slowdown Lighthouse simulated, as its settings give it
for (const path of paths) {
  const url = new URL(path, base).href;
  const runs = [];
  const failed = [];
  while (runs.length < RUNS && failed.length <= RUNS) {
    console.error(`lighthouse: ${url} (${runs.length + 1}/${RUNS})`);
    const lhr = await audit(url);
    // A run Lighthouse could not complete (a broken trace, say) is noted and run again.
    if (lhr.runtimeError) failed.push(lhr);
    else runs.push(lhr);
  }
  if (runs.length === 0) runs.push(failed[0]);
  // The run with the median performance score stands for the page, as Lighthouse advises.
  const sorted = [...runs].sort((a, b) => perf(a) - perf(b));
  const lhr = sorted[Math.floor((sorted.length - 1) / 2)];
  const score = (id) => {
    const s = lhr.categories[id]?.score;
    return s === null || s === undefined ? "error" : Math.round(s * 100);
  };
  const perfRuns = runs.map((r) => (r.runtimeError ? "error" : Math.round(perf(r) * 100))).join(", ") +
    (failed.length ? ` (and ${failed.length} failed run${failed.length > 1 ? "s" : ""})` : "");
  // Lighthouse's measure of the host's CPU, which its simulated phone is a multiple slower than.
  const hostRuns = runs
    .map((r) => (r.environment?.benchmarkIndex ? Math.round(r.environment.benchmarkIndex) : "?"))
    .join(", ");
  slowdown ??= lhr.configSettings?.throttling?.cpuSlowdownMultiplier;
  rows.push(`| \`${path}\` | ${CATEGORIES.map(score).join(" | ")} | ${perfRuns} | ${hostRuns} |`);
  const metric = (id) => {
    const a = lhr.audits[id];
    return a ? `${a.displayValue ?? "?"} (${a.score ?? "?"})` : "?";
  };
  // The main-thread tasks that make up TBT, longest first, as simulated (duration, start).
  const longTasks = (lhr.audits["long-tasks"]?.details?.items ?? [])
    .slice(0, 4)
    .map((t) => `${Math.round(t.duration)} ms at ${(t.startTime / 1000).toFixed(1)} s`)
    .join(", ");
  metricRows.push(`| \`${path}\` | ${METRICS.map(([id]) => metric(id)).join(" | ")} | ${longTasks || "none"} |`);
  const lines = [];
  if (lhr.runtimeError) bad = true;
  for (const r of failed) lines.push(`- a run failed${lhr.runtimeError ? "" : " (run again)"}: ${r.runtimeError.code}: ${r.runtimeError.message}`);
  for (const w of new Set(runs.flatMap((r) => r.runWarnings ?? []))) lines.push(`- run warning: ${w}`);
  const off = [...new Set([...runs, ...failed].flatMap(offLoopback))];
  if (off.length) {
    bad = true;
    lines.push(`- **requests outside loopback**: ${off.join(", ")}`);
  }
  const errored = new Map(); // message -> audit ids
  for (const { a, categories } of lhr.runtimeError ? [] : failing(lhr)) {
    if (a.scoreDisplayMode === "error") {
      const msg = a.errorMessage.replace(/^Required \w+ gatherer encountered an error: /, "");
      errored.set(msg, [...(errored.get(msg) ?? []), `\`${a.id}\``]);
    } else {
      const value = a.displayValue ? `, ${a.displayValue}` : "";
      lines.push(`- ${categories.join(", ")}: \`${a.id}\`: ${a.title} (score ${a.score}${value})`);
      for (const item of (a.details?.items ?? []).slice(0, 3)) lines.push(`  - ${describe(item, base)}`);
    }
  }
  for (const [msg, ids] of errored) lines.push(`- not computed (Lighthouse error "${msg}"): ${ids.join(", ")}`);
  const requests = (lhr.audits["network-requests"]?.details?.items ?? []).length;
  const ended = lhr.finalDisplayedUrl === url ? "" : `, ended at ${lhr.finalDisplayedUrl}`;
  notes.push(`**\`${path}\`** (median run: ${requests} requests${ended}; every request of every run on loopback: ${off.length ? "**no**" : "yes"}):`);
  notes.push("", ...(lines.length ? lines : ["- none"]), "");
}

console.log(`Median of ${RUNS} runs per page (by performance score), scores ×100:`);
console.log("");
console.log(`| page | ${CATEGORIES.join(" | ")} | performance, every run | host benchmark index, every run |`);
console.log(`|---|${CATEGORIES.map(() => "---:").join("|")}|---|---|`);
for (const r of rows) console.log(r);
console.log("");
console.log("The host benchmark index is Lighthouse's own measure of the CPU it ran on (a high-end desktop");
console.log(`scores 1500-2000): the simulated phone runs the page ${slowdown ?? "?"}x slower than the host did, so`);
console.log("blocking time, and the score, depend on the host. Compare runs made on the same host.");
console.log("");
console.log("The performance metrics of the median runs (simulated mobile throttling), each with its score,");
console.log("and the longest main-thread tasks that made up the blocking time:");
console.log("");
console.log(`| page | ${METRICS.map(([, name]) => name).join(" | ")} | longest tasks |`);
console.log(`|---|${METRICS.map(() => "---:").join("|")}|---|`);
for (const r of metricRows) console.log(r);
console.log("");
console.log("Failing audits of the median run (score below 0.9, as Lighthouse's report lists them), audits Lighthouse could not compute, and requests outside loopback:");
console.log("");
for (const n of notes) console.log(n);
process.exit(bad ? 1 : 0);
