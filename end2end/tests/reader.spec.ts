import { test, expect, waitForHydration, BOOKMARKS, PROGRESS, stored, bookmarkOf } from "./fixtures";
import type { Page } from "@playwright/test";

const ARTICLE = "/articles/healthy-coping-with-change";
const TITLE = "Healthy Coping with Change";

/** The reading progress stored for the first article in the list, 0 when there is none. */
const storedFraction = async (page: Page): Promise<number> =>
  JSON.parse((await stored(page, PROGRESS)) ?? "[]")[0]?.fraction ?? 0;

/** Scrolls so that about `share` of the article body is above the bottom of the window. */
async function scrollBodyTo(page: Page, share: number) {
  await page.evaluate((s) => {
    const body = document.querySelector(".article .prose")!;
    const top = body.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top + body.clientHeight * s - window.innerHeight);
  }, share);
}

test("a bookmark survives a reload and shows on /saved", async ({ page, gotoReady }) => {
  await gotoReady(ARTICLE);
  const button = bookmarkOf(page, TITLE);
  await expect(button).toHaveAttribute("aria-pressed", "false");
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await waitForHydration(page);
  await expect(bookmarkOf(page, TITLE)).toHaveAttribute("aria-pressed", "true");
  await gotoReady("/saved");
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
});

test("/saved lists newest first, removes with undo, and has an empty state", async ({ page, gotoReady }) => {
  await gotoReady("/");
  await bookmarkOf(page, "Wintertime Depression").click();
  await bookmarkOf(page, "Are You Sober Curious?").click();
  await gotoReady("/saved");
  const titles = page.locator(".saved-item .card-title");
  await expect(titles).toHaveText(["Are You Sober Curious?", "Wintertime Depression"]);
  await page.getByRole("button", { name: "Remove “Are You Sober Curious?” from saved" }).click();
  await expect(titles).toHaveText(["Wintertime Depression"]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(titles).toHaveText(["Are You Sober Curious?", "Wintertime Depression"]);
  for (const title of ["Are You Sober Curious?", "Wintertime Depression"]) {
    await page.getByRole("button", { name: `Remove “${title}” from saved` }).click();
  }
  await expect(page.getByText("Nothing saved yet.")).toBeVisible();
});

test("reading progress is saved, shown on the card, and restored after a reload", async ({ page, gotoReady }) => {
  await gotoReady(ARTICLE);
  await scrollBodyTo(page, 0.5);
  await expect.poll(() => storedFraction(page)).toBeGreaterThan(0.4);
  // A new load of the page starts at the top; the app offers to go back.
  await gotoReady("/");
  await gotoReady(ARTICLE);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.getByRole("button", { name: "Continue where you left off" }).click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  await gotoReady("/");
  const card = page.locator("article.card", { has: page.getByRole("link", { name: TITLE }) });
  await expect(card.getByRole("img", { name: /% read/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Continue reading" }).getByRole("link", { name: TITLE })).toBeVisible();
});

test("reading to the end marks an article finished", async ({ page, gotoReady }) => {
  await gotoReady(ARTICLE);
  await scrollBodyTo(page, 1);
  await expect.poll(() => storedFraction(page)).toBeGreaterThanOrEqual(0.9);
  await gotoReady("/");
  const card = page.locator("article.card", { has: page.getByRole("link", { name: TITLE }) });
  await expect(card.getByText("Finished")).toBeVisible();
});

test("a corrupt stored value is repaired and the page keeps working", async ({ page, gotoReady }) => {
  await page.addInitScript(([b, p]) => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(b, "{not json at all");
      localStorage.setItem(p, JSON.stringify([{ slug: "no-such-article", fraction: 0.5, updated_at: 1 }, 42]));
    }
  }, [BOOKMARKS, PROGRESS]);
  await gotoReady("/saved");
  await expect(page.getByText("Nothing saved yet.")).toBeVisible();
  expect(await stored(page, BOOKMARKS)).toBe("[]");
  // The unknown article is dropped once the library is known.
  await expect.poll(() => stored(page, PROGRESS)).toBe("[]");
  await gotoReady(ARTICLE);
  await bookmarkOf(page, TITLE).click();
  await expect(bookmarkOf(page, TITLE)).toHaveAttribute("aria-pressed", "true");
});

test("two tabs stay in sync", async ({ context, gotoReady, page }) => {
  await gotoReady(ARTICLE);
  const other = await context.newPage();
  await other.goto(ARTICLE);
  await waitForHydration(other);
  await bookmarkOf(page, TITLE).click();
  await expect(bookmarkOf(other, TITLE)).toHaveAttribute("aria-pressed", "true");
  await bookmarkOf(other, TITLE).click();
  await expect(bookmarkOf(page, TITLE)).toHaveAttribute("aria-pressed", "false");
});

test("export, clear and import restore everything", async ({ page, gotoReady }) => {
  await gotoReady(ARTICLE);
  await bookmarkOf(page, TITLE).click();
  await scrollBodyTo(page, 0.5);
  // Opening the article stores a position of 0 at once; the scroll's comes a moment later.
  await expect.poll(() => storedFraction(page)).toBeGreaterThan(0.4);
  const before = { b: await stored(page, BOOKMARKS), p: await stored(page, PROGRESS) };

  await gotoReady("/my-data");
  await expect(page.getByText("Bookmarks: 1 article")).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export my data" }).click();
  const file = await (await downloading).path();

  await page.getByRole("button", { name: "Clear everything" }).click();
  await page.getByRole("button", { name: "Yes, clear everything" }).click();
  await expect(page.getByText("Bookmarks: 0 articles")).toBeVisible();
  expect(await stored(page, BOOKMARKS)).toBe("[]");

  await page.getByLabel("Import from a file").setInputFiles(file);
  await expect(page.getByRole("status").getByText("Imported 1 bookmarks and 1 reading positions.")).toBeVisible();
  expect(await stored(page, BOOKMARKS)).toBe(before.b);
  expect(await stored(page, PROGRESS)).toBe(before.p);
});

test("a file that is not ours is refused and changes nothing", async ({ page, gotoReady }) => {
  await gotoReady(ARTICLE);
  await bookmarkOf(page, TITLE).click();
  await gotoReady("/my-data");
  const payloads = [
    { name: "x.json", text: "not json" },
    { name: "x.json", text: JSON.stringify({ app: "wellspring", version: 99 }) },
    { name: "x.json", text: JSON.stringify({ app: "wellspring", version: 2, bookmarks: [{ slug: "<img src=x onerror=alert(1)>", saved_at: 1 }] }) },
  ];
  for (const p of payloads) {
    await page.getByLabel("Import from a file").setInputFiles({ name: p.name, mimeType: "application/json", buffer: Buffer.from(p.text) });
    await expect(page.locator(".message.error")).toContainText("Nothing was changed.");
  }
  expect(await stored(page, BOOKMARKS)).toContain("healthy-coping-with-change");
  await expect(page.locator("img[src=x]")).toHaveCount(0);
});

test.describe("when the browser blocks storage", () => {
  test("the app works in memory and says so", async ({ page, gotoReady }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("blocked", "SecurityError");
        },
      });
    });
    await gotoReady(ARTICLE);
    await bookmarkOf(page, TITLE).click();
    await expect(bookmarkOf(page, TITLE)).toHaveAttribute("aria-pressed", "true");
    // Every link is a page load, so nothing outlives the page; /saved says so.
    await page.getByRole("link", { name: "Saved", exact: true }).click();
    await expect(page.getByText(/forgotten when you leave the page/)).toBeVisible();
    await expect(page.getByText("Nothing saved yet.")).toBeVisible();
  });
});

test("stored state fills in without shifting the layout", async ({ page, gotoReady }) => {
  await page.addInitScript(([p, b]) => {
    const now = Date.now();
    localStorage.setItem(p, JSON.stringify([{ slug: "healthy-coping-with-change", fraction: 0.4, updated_at: now }]));
    localStorage.setItem(b, JSON.stringify([{ slug: "wintertime-depression", saved_at: now }]));
    // Where the first card sits as the server rendered it, before the app has loaded.
    document.addEventListener("DOMContentLoaded", () => {
      (window as any).__firstCardTop = document.querySelector("article.card")!.getBoundingClientRect().top;
    });
  }, [PROGRESS, BOOKMARKS]);
  await gotoReady("/");
  await expect(page.getByRole("region", { name: "Continue reading" }).getByRole("link", { name: TITLE })).toBeVisible();
  await expect(bookmarkOf(page, "Wintertime Depression")).toHaveAttribute("aria-pressed", "true");
  const [before, after] = await page.evaluate(() => [
    (window as any).__firstCardTop,
    document.querySelector("article.card")!.getBoundingClientRect().top,
  ]);
  expect(before).toBeGreaterThan(0);
  expect(after).toBe(before);
});
