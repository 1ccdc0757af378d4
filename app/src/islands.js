// Wellspring's island loader, in place of Leptos' island_script.js (see `IslandScripts` in
// app.rs). It does what that script does: once the browser is idle, load the JS and WASM, then
// hydrate each <leptos-island> in document order. What differs:
// - it gives the main thread back to the browser before the first island (the WASM has just
//   been instantiated in this task), then between islands once a task has run for BUDGET_MS,
//   so no single task holds input or paint for long (Leptos' script hydrates every island in
//   one task, which Lighthouse counted as 240-290 ms of blocking time, #10);
// - an island that fails (its split WASM did not load, say) is reported and skipped, and the
//   islands after it still hydrate (Leptos' script waited for it for ever);
// - once the last island has hydrated it tells the app (`islands_hydrated`), which then loads
//   stored reader state, asks for what islands wait on (the library's search index) and marks
//   <body data-hydrated> (app/src/hydration.rs): in tasks of their own, as that work would
//   otherwise lengthen the last island's (a lazy island's hydration is already the page's
//   longest task).
// - it asks for the split WASM of the page's lazy islands while the main WASM downloads, with
//   one <link rel=preload> a task (Leptos' own way to preload split WASM, for lazy routes):
//   the loader of a lazy island asks for all its files in one task, and at 0.5-1.5 ms of main
//   thread a fetch() on a fast desktop (four times that on Lighthouse's phone), the library's
//   14 made that task blocking (#10). A preloaded file costs that loader next to nothing, and
//   arrives sooner.
// The files come from the `wellspring-assets` meta: the JS, the WASM, then (a `--split` build)
// the manifest that lists each lazy island's files.
(() => {
  const BUDGET_MS = 4;
  const [js, wasm, splitManifest] = document
    .querySelector('meta[name="wellspring-assets"]')
    .content.split(" ");

  // The next task, as soon as the browser has handled input and paint.
  const nextTask = () =>
    globalThis.scheduler?.yield
      ? scheduler.yield()
      : new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(null);
        });

  function untilError(promise) {
    let onError;
    const failed = new Promise((_, reject) => {
      onError = (event) => reject(event.error ?? event.message);
      addEventListener("error", onError);
    });
    return Promise.race([promise, failed]).finally(() => removeEventListener("error", onError));
  }

  async function hydrateAll(mod) {
    let started = -Infinity;
    for (const island of document.querySelectorAll("leptos-island")) {
      if (performance.now() - started > BUDGET_MS) {
        await nextTask();
        started = performance.now();
      }
      const hydrate = mod[island.dataset.component];
      if (!hydrate) {
        console.warn(`Wellspring: no WASM function for the island ${island.dataset.component}`);
        continue;
      }
      try {
        // An island inside another's server-rendered children: the outer island set this
        // callback when it hydrated, to take those children over first.
        island.parentElement?.closest("leptos-children")?.$$on_hydrate?.();
        // A lazy island returns a promise: it fetches its own WASM first. If that fails, the
        // app panics inside the promise, which then never settles: the panic comes out as an
        // uncaught error instead, so the first such error ends the wait.
        await untilError(hydrate(island));
      } catch (error) {
        console.error(`Wellspring: the island ${island.dataset.component} did not hydrate`, error);
      }
    }
    await nextTask();
    mod.islands_hydrated();
  }

  // The split files of the lazy islands on this page. The manifest names each island's
  // loader after the island: `OfflineList_123` is hydrated by `offline_list_loader_456`.
  async function preloadLazyIslands() {
    if (!splitManifest?.endsWith(".json")) return;
    const manifest = await (await fetch(splitManifest)).json();
    const files = new Set();
    for (const island of document.querySelectorAll("leptos-island")) {
      const name = island.dataset.component.replace(/_\d+$/, "");
      const prefix = `${name.replace(/(?<!^)(?=[A-Z])/g, "_").toLowerCase()}_loader_`;
      const loader = Object.keys(manifest).find((key) => key.startsWith(prefix));
      for (const file of manifest[loader] ?? []) files.add(file);
    }
    const dir = splitManifest.slice(0, splitManifest.lastIndexOf("/") + 1);
    for (const file of files) {
      // As the loader will ask: a same-origin CORS fetch, so that it finds this preload.
      const link = Object.assign(document.createElement("link"), {
        rel: "preload",
        as: "fetch",
        type: "application/wasm",
        crossOrigin: "anonymous",
        href: `${dir}${file}.wasm`,
      });
      // The worker keeps the split files through the manifest; it names its files after
      // the page's own preloads (offline/browser.rs), which these are not.
      link.dataset.split = "";
      document.head.append(link);
      await nextTask();
    }
  }

  const start = () => {
    // A failed preload costs nothing but time: the loader then asks for the files itself.
    const preloaded = preloadLazyIslands().catch(() => {});
    return import(js).then(async (mod) => {
      await mod.default({ module_or_path: wasm });
      mod.hydrate();
      // Every preload must have been asked for before a lazy island's loader runs, or it
      // would ask for the same file a second time.
      await preloaded;
      await hydrateAll(mod);
    });
  };
  if ("requestIdleCallback" in window) requestIdleCallback(start);
  else start();
})();
