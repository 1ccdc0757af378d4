import { test, expect, waitForHydration, BOOKMARKS, stored, bookmarkOf } from "./fixtures";
import type { Page } from "@playwright/test";

// The island loader (app/src/islands.js): what happens between the islands hydrating and the
// stored reader state loading, and when an island cannot hydrate at all.

const ARTICLE = "/articles/healthy-coping-with-change";
const TITLE = "Healthy Coping with Change";
const LOADER_DONE = "mod.islands_hydrated();";

/** Serves `path` with a loader that, once every island has hydrated, waits for the test
 * (`window.__release()`) before the app loads stored state: the moment between the two,
 * which is a task or two long in real use, held open. */
async function holdStateLoading(page: Page, path: string) {
  await page.route(path, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    expect(html, "the loader's last step, which this test holds back").toContain(LOADER_DONE);
    const held = html.replace(
      LOADER_DONE,
      `await new Promise((release) => { window.__release = release; }); ${LOADER_DONE}`,
    );
    await route.fulfill({ response, body: held });
  });
}

test("a bookmark clicked before stored state has loaded keeps every stored bookmark", async ({ page }) => {
  await page.goto("/help");
  const earlier = [
    { slug: "a-quick-guide-to-mindful-living", saved_at: Date.now() - 2000 },
    { slug: "achieving-goals-step-by-step", saved_at: Date.now() - 1000 },
  ];
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [BOOKMARKS, JSON.stringify(earlier)]);

  await holdStateLoading(page, ARTICLE);
  await page.goto(ARTICLE);
  await page.waitForFunction(() => typeof (window as any).__release === "function");
  const button = bookmarkOf(page, TITLE);
  await button.click();
  // Nothing is written while the stored bookmarks are not known yet.
  const before = await stored(page, BOOKMARKS);
  expect(JSON.parse(before ?? "[]").map((b: { slug: string }) => b.slug)).toEqual(earlier.map((b) => b.slug));

  await page.evaluate(() => (window as any).__release());
  await waitForHydration(page);
  await expect(button).toHaveAttribute("aria-pressed", "true");
  const after = await stored(page, BOOKMARKS);
  expect(JSON.parse(after ?? "[]").map((b: { slug: string }) => b.slug).sort()).toEqual(
    ["healthy-coping-with-change", ...earlier.map((b) => b.slug)].sort(),
  );
});

test.describe("when a lazy island's WASM cannot be fetched", () => {
  // The failed fetch, the app's panic (then a WASM trap: "unreachable") and the loader's report.
  test.use({
    allowedConsole: [/Failed to (load resource|fetch)|panicked at|^unreachable$|island LibraryBrowser_\d+ did not hydrate/],
  });

  test("the rest of the page still hydrates and is marked done", async ({ page }) => {
    await page.route(/\/pkg\/split_library_browser_loader_[^/]*\.wasm$/, (route) => route.abort());
    await page.goto("/");
    // Leptos' own island script stopped at such an island: nothing after it hydrated, and
    // stored state never loaded. Now the page is marked as done, and the library, not
    // hydrated, still reads and links as the server's HTML.
    await waitForHydration(page);
    await expect(page.locator("main article.card").first().getByRole("link")).toHaveAttribute("href", /^\/articles\//);
  });
});

test("a lazy island's split WASM is preloaded ahead of it and fetched once", async ({ page, gotoReady }) => {
  const asked = new Map<string, number>();
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith(".wasm")) asked.set(path, (asked.get(path) ?? 0) + 1);
  });
  await gotoReady("/");
  // The library's files, as the build's manifest lists them, each preloaded by islands.js.
  const files = await page.evaluate(async () => {
    const manifestUrl = document.querySelector<HTMLMetaElement>('meta[name="wellspring-assets"]')!.content.split(" ")[2];
    const manifest: Record<string, string[]> = await (await fetch(manifestUrl)).json();
    const library = Object.keys(manifest).find((key) => key.startsWith("library_browser_loader_"))!;
    return manifest[library].map((file) => `/pkg/${file}.wasm`);
  });
  const preloaded = await page.$$eval("link[rel=preload][data-split]", (links) =>
    links.map((link) => new URL((link as HTMLLinkElement).href).pathname),
  );
  expect(files.length).toBeGreaterThan(0);
  expect(preloaded.sort()).toEqual([...files].sort());
  // The island's loader found each preload: no file was asked for twice.
  for (const file of files) expect(asked.get(file), file).toBe(1);
  await expect(page.locator(".cards[data-complete]")).toBeAttached();
});
