// Wellspring's service worker: keeps the app shell so the library opens with no connection,
// and serves the articles a reader chose to save for offline reading.
//
// The app registers it as /sw.js?asset=…&asset=… naming the hashed JS, WASM and CSS files
// of the build that page runs (app/src/offline/browser.rs reads them from the page's <link>
// tags and its wellspring-assets <meta>, which may name a split build's manifest of its lazy
// islands' WASM). So this file never needs editing for a build, and every build brings a new
// worker with its own shell cache, which replaces the older builds' caches when it takes over.
"use strict";

const PARAMS = new URL(self.location.href).searchParams;
const ASSETS = PARAMS.getAll("asset")
  .filter((path) => path.startsWith("/") && !path.startsWith("//"));
// One cache per build, named after its files.
const SHELL = "wellspring-shell-" + fnv1a(ASSETS.join(" "));
// The articles the reader saved (their pages and their data), written by the app itself:
// the reader's choice, so it outlives builds. The name is shared with app/src/offline.
const SAVED = "wellspring-saved";
const OFFLINE_PAGE = "/offline";
// The static build (Trunk): one page, index.html at /, answers every path, and every article
// is inside the app, so the shell alone reads the whole library offline.
const STATIC = PARAMS.get("static") === "1";
// Pages kept with the shell (none depends on a query or on the reader).
const PAGES = STATIC ? ["/"] : ["/", "/saved", "/help", "/my-data", "/settings", OFFLINE_PAGE];
const FILES = [
  "/manifest.webmanifest",
  "/favicon.ico",
  "/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
];
// Data in-app navigation asks for, kept whatever its query: the library's first cards (each
// answer names the filters it answers, so any one serves), every card (/saved, /offline)
// and the search index (filtering the library).
const DATA = STATIC ? [] : ["/api/library", "/api/cards", "/api/search-index"];
// The search index's chunks: the index above lists them (`index.chunks`, each with the
// version its URL names). A library of up to PRECACHE_CHUNKS chunks (some 300 KB, a few
// hundred articles) is kept whole with the shell, so every search works offline; a larger
// one is kept chunk by chunk as searches fetch them, so installing never downloads a large
// index. A chunk of a newer library is kept when first fetched (its URL is new exactly
// when its words are).
const CHUNK = "/api/search-chunk";
const PRECACHE_CHUNKS = 64;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      // All or nothing: a shell with a piece missing would fail a reader offline.
      await shell.addAll([...(await withSplitWasm(ASSETS)), ...PAGES, ...FILES, ...DATA]);
      if (!STATIC) await shell.addAll(await chunkUrls(shell));
      // A new build takes over at once: its pages need its files, not the old ones.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Saved pages name the files of the build they came from: fetch them again for this one
      // before those files go.
      await refreshSaved();
      for (const name of await caches.keys()) {
        if (name.startsWith("wellspring-shell-") && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Article pages fetched by the app to save them count as pages too: never a kept copy first.
  if (request.mode === "navigate" || url.pathname.startsWith("/articles/")) {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith("/api/")) {
    event.respondWith(data(event, url));
  } else {
    event.respondWith(file(request));
  }
});

// The assets, with a split build's manifest (which lists the WASM files of each lazy island:
// the library, /saved's lists, /my-data) replaced by every file it lists.
async function withSplitWasm(assets) {
  const files = [];
  for (const path of assets) {
    if (!/\/__wasm_split_manifest\.[\w-]+\.json$/.test(path)) {
      files.push(path);
      continue;
    }
    const response = await fetch(path);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    for (const chunks of Object.values(await response.json())) {
      for (const chunk of chunks) files.push(dir + chunk + ".wasm");
    }
  }
  return [...new Set(files)];
}

// Pages come from the network first, so a reader online always gets the latest; the kept
// copy when there is no connection; otherwise the offline page, never the browser's error.
async function page(event, url) {
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(keep(canonical(url), response.clone()));
    return response;
  } catch (offline) {
    const key = STATIC ? "/" : url.pathname === OFFLINE_PAGE ? OFFLINE_PAGE : canonical(url);
    // An article opened from a search (?highlight=) is the kept article, unmarked.
    const kept =
      (await caches.match(key)) ||
      (url.searchParams.has("highlight") ? await caches.match(url.pathname) : undefined);
    if (kept) return kept;
    return Response.redirect(
      OFFLINE_PAGE + "?from=" + encodeURIComponent(url.pathname + url.search),
      302,
    );
  }
}

// Data the same way, so in-app navigation to a saved article works offline too.
async function data(event, url) {
  const key = DATA.includes(url.pathname) ? url.pathname : canonical(url);
  try {
    const response = await fetch(event.request);
    if (response.ok && url.pathname === CHUNK) {
      event.waitUntil(caches.open(SHELL).then((shell) => shell.put(key, response.clone())));
    } else if (response.ok) event.waitUntil(keep(key, response.clone()));
    return response;
  } catch (offline) {
    return (await caches.match(key)) || Response.error();
  }
}

// The URLs of every chunk of the search index the shell keeps, as the app asks for them.
async function chunkUrls(shell) {
  const kept = await shell.match("/api/search-index");
  const { index } = await kept.json();
  if (index.chunks.length > PRECACHE_CHUNKS) return [];
  return index.chunks.map(({ version }, n) => `${CHUNK}?n=${n}&v=${version}`);
}

// Files have hashed or stable names: the kept copy first.
async function file(request) {
  return (await caches.match(request)) || fetch(request);
}

// Updates a kept copy with a fresh one: a saved article, a shell page or shell data.
// Nothing new is added here, so browsing never fills the reader's storage.
async function keep(key, response) {
  const saved = await caches.open(SAVED);
  if (await saved.match(key)) return saved.put(key, response);
  const shell = await caches.open(SHELL);
  if (await shell.match(key)) return shell.put(key, response);
}

async function refreshSaved() {
  const saved = await caches.open(SAVED);
  const requests = await saved.keys();
  await Promise.all(
    requests.map(async (request) => {
      try {
        const response = await fetch(request.url, { cache: "no-cache" });
        if (response.ok) await saved.put(request, response);
      } catch (offline) {
        // Keep the old copy: readable, if unstyled once its build's files are gone.
      }
    }),
  );
}

// One key per resource: Leptos' server functions may end a query with "&"
// (/api/article?slug=a&), while the app saves /api/article?slug=a.
function canonical(url) {
  const query = new URLSearchParams(url.search).toString();
  return url.pathname + (query ? "?" + query : "");
}

// A short, stable name for a build: FNV-1a over its file names.
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
