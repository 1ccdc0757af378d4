import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, waitForHydration, DISPLAY, HISTORY, stored } from "./fixtures";

// Issue #26, reading comfort: display settings, print, and listening to an article.

/** Each setting as /settings labels it, the <html> attribute it sets, and a value to pick. */
const SETTINGS = [
  { label: "Theme", attribute: "data-theme", value: "dark" },
  { label: "Text size", attribute: "data-text-size", value: "175" },
  { label: "Line spacing", attribute: "data-spacing", value: "wide" },
  { label: "Font", attribute: "data-font", value: "hyperlegible" },
  { label: "Motion", attribute: "data-motion", value: "reduce" },
] as const;

/** Records, at DOMContentLoaded (before the WASM has even loaded, so before hydration), the
 *  display attributes of <html> and the body's computed look. */
async function recordFirstPaint(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const html = document.documentElement;
      const style = getComputedStyle(document.body);
      (window as any).__first = {
        attributes: Object.fromEntries([...html.attributes].map((a) => [a.name, a.value])),
        background: style.backgroundColor,
        fontSize: getComputedStyle(html).fontSize,
        fontFamily: style.fontFamily,
        hydrated: document.body.hasAttribute("data-hydrated"),
      };
    });
  });
}
const firstPaint = (page: Page) => page.evaluate(() => (window as any).__first);

/** Stores display settings before any page of the context loads. */
async function storeSettings(page: Page, settings: Record<string, string>) {
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, value);
        sessionStorage.setItem("seeded", "1");
      }
    },
    [DISPLAY, JSON.stringify({ version: 1, ...settings })] as const,
  );
}

test("every page's header leads to the display settings", async ({ page, gotoReady, library }) => {
  for (const path of ["/", `/articles/${library.cards[0].slug}`, "/help"]) {
    await gotoReady(path);
    await page.getByRole("banner").getByRole("link", { name: "Display settings" }).click();
    await expect(page).toHaveURL("/settings");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Display settings");
  }
});

for (const s of SETTINGS) {
  test(`${s.label} applies at once and survives a reload with no flash`, async ({ page, gotoReady, library }) => {
    await recordFirstPaint(page);
    await gotoReady("/settings");
    await page.getByLabel(s.label).selectOption(s.value);
    await expect(page.locator("html")).toHaveAttribute(s.attribute, s.value);
    await expect.poll(async () => JSON.parse((await stored(page, DISPLAY)) ?? "{}")[s.attribute.slice(5).replace("-", "_")]).toBe(s.value);
    // Another page, loaded afresh: the attribute is there before first paint.
    await page.goto(`/articles/${library.cards[0].slug}`);
    const first = await firstPaint(page);
    expect(first.hydrated).toBe(false);
    expect(first.attributes[s.attribute]).toBe(s.value);
    await waitForHydration(page);
    await page.reload();
    expect((await firstPaint(page)).attributes[s.attribute]).toBe(s.value);
    await waitForHydration(page);
    // The form shows the stored choice once the page has loaded it.
    await gotoReady("/settings");
    await expect(page.getByLabel(s.label)).toHaveValue(s.value);
  });
}

test("a chosen theme beats the system's, and text size scales the page, before first paint", async ({ page, gotoReady }) => {
  await storeSettings(page, { theme: "dark", text_size: "200" });
  await recordFirstPaint(page);
  await page.emulateMedia({ colorScheme: "light" });
  await gotoReady("/");
  const dark = await firstPaint(page);
  expect(dark.background).toBe("rgb(17, 24, 23)");
  expect(dark.fontSize).toBe("32px");
  await gotoReady("/settings");
  await page.getByLabel("Theme").selectOption("light");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  expect((await firstPaint(page)).background).toBe("rgb(250, 247, 242)");
});

test("the font is fetched only for a reader who chose it", async ({ page, gotoReady }) => {
  const fonts: string[] = [];
  page.on("request", (r) => r.url().includes("/fonts/") && fonts.push(r.url()));
  await gotoReady("/");
  await page.waitForLoadState("networkidle");
  expect(fonts).toEqual([]);
  await gotoReady("/settings");
  await page.getByLabel("Font").selectOption("hyperlegible");
  await expect.poll(() => fonts.length).toBeGreaterThan(0);
  expect(fonts.every((f) => /\/fonts\/atkinson-hyperlegible-latin-\d00-(normal|italic)\.woff2$/.test(f))).toBe(true);
  // Applied once loaded, so it never swaps in under laid-out text.
  await expect(page.locator("html")).toHaveAttribute("data-font", "hyperlegible");
  expect(await page.evaluate(() => document.fonts.check('16px "Atkinson Hyperlegible"'))).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"Atkinson Hyperlegible"/);
});

test("stored settings move nothing as an article loads (CLS under 0.01)", async ({ page, gotoReady, library }) => {
  await storeSettings(page, { theme: "high-contrast", text_size: "150", spacing: "wide", font: "hyperlegible", motion: "reduce" });
  await page.addInitScript(() => {
    (window as any).__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await gotoReady(`/articles/${library.cards[0].slug}`);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).__cls)).toBeLessThan(0.01);
});

test("a damaged stored value is repaired, not a broken page", async ({ page, gotoReady }) => {
  await page.addInitScript((key) => localStorage.setItem(key, '{"theme":"neon","text_size":"900","spacing":"wide"}'), DISPLAY);
  await gotoReady("/settings");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
  await expect(page.locator("html")).toHaveAttribute("data-spacing", "wide");
  await expect(page.getByLabel("Line spacing")).toHaveValue("wide");
  await expect(page.getByLabel("Theme")).toHaveValue("system");
});

test("clearing my data puts the display back to its defaults", async ({ page, gotoReady }) => {
  await storeSettings(page, { theme: "high-contrast" });
  await gotoReady("/my-data");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "high-contrast");
  await page.getByRole("button", { name: "Clear everything" }).click();
  await page.getByRole("button", { name: "Yes, clear everything" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
  expect(await stored(page, DISPLAY)).toBeNull();
});

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
for (const theme of ["light", "dark", "high-contrast"]) {
  test(`the ${theme} theme has no accessibility violations`, async ({ page, gotoReady, library }) => {
    test.slow();
    // The opposite system scheme, so the chosen theme must win for the test to pass.
    await page.emulateMedia({ colorScheme: theme === "light" ? "dark" : "light" });
    await storeSettings(page, { theme, spacing: "wide" });
    const sessions = library.cards.slice(0, 3).map((c, i) => ({ slug: c.slug, at: Date.now() - i * 8 * 86_400_000, seconds: 300, finished: i === 0 }));
    await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [HISTORY, JSON.stringify(sessions)] as const);
    for (const path of ["/settings", `/articles/${library.cards[0].slug}`, "/", "/history"]) {
      await gotoReady(path);
      if (path === "/history") await expect(page.getByRole("img", { name: /Minutes read each week/ })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), path).toEqual([]);
    }
  });
}

test("a printed article is the article alone, with its links' addresses", async ({ page, gotoReady, library }) => {
  await gotoReady(`/articles/${library.cards[0].slug}`);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [page.getByRole("banner"), page.getByRole("contentinfo").last(), page.locator(".article-buttons"), page.getByRole("navigation", { name: "On this page" })]) {
    await expect(hidden).toBeHidden();
  }
  await expect(page.getByRole("button")).toHaveCount(await page.getByRole("button").count());
  for (const b of await page.getByRole("button").all()) await expect(b).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Support", exact: true })).toBeVisible();
  const source = page.locator(".sources a").first();
  const href = await source.getAttribute("href");
  expect(await source.evaluate((a) => getComputedStyle(a, "::after").content)).toContain(href!);
  // In-page links print no address.
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("banner")).toBeVisible();
});

/** A stand-in for the browser's speech: records what it is asked to say, and (unless told to
 *  hold) ends each utterance at once. */
async function fakeSpeech(page: Page, hold: boolean) {
  await page.addInitScript((hold) => {
    const w = window as any;
    w.__spoken = [];
    w.__rates = [];
    w.__calls = [];
    w.SpeechSynthesisUtterance = class {
      text: string;
      rate = 1;
      lang = "";
      voice = null;
      onend: null | (() => void) = null;
      constructor(text: string) {
        this.text = text;
      }
    };
    const synth = {
      speaking: false,
      paused: false,
      pending: false,
      getVoices: () => [],
      speak(u: any) {
        w.__spoken.push(u.text);
        w.__rates.push(u.rate);
        w.__current = u;
        if (!hold) setTimeout(() => u.onend?.(), 5);
      },
      cancel: () => w.__calls.push("cancel"),
      pause: () => w.__calls.push("pause"),
      resume: () => w.__calls.push("resume"),
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  }, hold);
}
const spoken = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__spoken);

test("Listen reads the title, then the body block by block, in order", async ({ page, gotoReady, library }) => {
  await fakeSpeech(page, false);
  await gotoReady(`/articles/${library.cards[0].slug}`);
  const blocks = await page
    .locator(".article .prose :is(h2, h3, h4, li, p:not(li p))")
    .evaluateAll((es) => es.map((e) => (e.textContent ?? "").split(/\s+/).filter(Boolean).join(" ")).filter(Boolean));
  await page.getByLabel("Speed").selectOption("1.25");
  await page.getByRole("button", { name: "Listen" }).click();
  await expect.poll(() => spoken(page).then((s) => s.length)).toBe(blocks.length + 1);
  const said = await spoken(page);
  expect(said[0]).toBe(library.cards[0].title);
  expect(said.slice(1)).toEqual(blocks);
  expect(new Set(await page.evaluate(() => (window as any).__rates))).toEqual(new Set([1.25]));
  // At the end it is ready to start again.
  await expect(page.getByRole("button", { name: "Listen" })).toBeVisible();
  await expect(page.locator(".listen-current")).toHaveCount(0);
});

test("Listen pauses, resumes and stops, from the keyboard", async ({ page, gotoReady, library }) => {
  await fakeSpeech(page, true);
  await gotoReady(`/articles/${library.cards[0].slug}`);
  await page.getByRole("button", { name: "Listen" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => spoken(page)).toEqual([library.cards[0].title]);
  await expect(page.locator("h1")).toHaveClass(/listen-current/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Resume" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Pause" })).toBeFocused();
  expect(await page.evaluate(() => (window as any).__calls)).toEqual(["pause", "resume"]);
  // The first utterance ends: the next block is read and marked.
  await page.evaluate(() => (window as any).__current.onend());
  await expect.poll(() => spoken(page).then((s) => s.length)).toBe(2);
  await expect(page.locator(".prose .listen-current")).toHaveCount(1);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Listen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden();
  expect(await page.evaluate(() => (window as any).__calls)).toContain("cancel");
  // A stopped utterance's late end reads nothing more.
  await page.evaluate(() => (window as any).__current.onend());
  await page.waitForTimeout(100);
  expect((await spoken(page)).length).toBe(2);
  await expect(page.locator(".listen-current")).toHaveCount(0);
});

test("Listen is not shown where the browser cannot speak", async ({ page, gotoReady, library }) => {
  await page.addInitScript(() => Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true }));
  await gotoReady(`/articles/${library.cards[0].slug}`);
  await expect(page.getByRole("button", { name: "Listen" })).toBeHidden();
  await expect(page.getByRole("button", { name: `Bookmark: ${library.cards[0].title}` })).toBeVisible();
});

test("the reading history shows the article just finished, and forgets it on request", async ({ page, gotoReady, library }) => {
  const card = library.cards[0];
  await gotoReady("/history");
  await expect(page.getByText("Nothing here yet.")).toBeVisible();
  await gotoReady(`/articles/${card.slug}`);
  // Read down the article to its end, a step at a time.
  for (const share of [0.3, 0.6, 1]) {
    await page.evaluate((s) => {
      const body = document.querySelector(".article .prose")!;
      const top = body.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top + body.clientHeight * s - window.innerHeight + 10);
    }, share);
    await page.waitForTimeout(1100);
  }
  await expect.poll(async () => JSON.parse((await stored(page, HISTORY)) ?? "[]")[0]?.finished).toBe(true);
  await page.getByRole("contentinfo").getByRole("link", { name: "Your data" }).click();
  await waitForHydration(page);
  await page.getByRole("link", { name: "your private reading summary" }).click();
  await waitForHydration(page);
  await expect(page.getByText(/finished 1 article\./)).toBeVisible();
  await expect(page.getByRole("img", { name: /Minutes read each week/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Articles finished each week/ })).toBeVisible();
  await page.getByText("Show the weeks as a table").click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(13);
  const finished = page.locator(".history-finished");
  await expect(finished.getByRole("link", { name: card.title })).toBeVisible();
  const topics = page.locator(".history-topics li");
  await expect(topics.first()).toContainText(card.topics[0] ? /\w/ : /x^/);
  await page.getByRole("button", { name: "Forget my reading history" }).click();
  await expect(page.getByText("Nothing here yet.")).toBeVisible();
  expect(JSON.parse((await stored(page, HISTORY)) ?? "[]")).toEqual([]);
});
