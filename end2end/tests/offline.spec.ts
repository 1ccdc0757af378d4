import { test, expect, waitForHydration, waitForWorker, PROGRESS } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * Offline reading (issue #7): the service worker keeps the app shell, the reader saves
 * articles, and with the connection gone (context.setOffline) saved articles open, by a link
 * or a reload, the library, bookmarks and progress still work, and an unsaved article gets
 * the offline page, never the browser's error page.
 */

const SAVED = { path: "/articles/healthy-coping-with-change", title: "Healthy Coping with Change" };
const UNSAVED = { path: "/articles/wintertime-depression", title: "Wintertime Depression" };

// With no connection the browser reports each failed request, and the app's data request
// for an unsaved article fails by design.
test.use({
  allowedConsole: [/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch|error sending request/],
});

/** Opens the saved article once the worker is ready, and saves it for offline reading. */
async function saveOffline(page: Page, gotoReady: (path: string) => Promise<void>) {
  await gotoReady(SAVED.path);
  await waitForWorker(page);
  await page.getByRole("button", { name: "Save for offline" }).click();
  await expect(page.getByText("Available offline")).toBeVisible();
}

test("a saved article, the library, bookmarks and progress all work offline", async ({
  page,
  context,
  gotoReady,
}) => {
  await gotoReady(SAVED.path);
  await waitForWorker(page);
  await page.getByRole("button", { name: `Bookmark: ${SAVED.title}` }).click();
  await page.getByRole("button", { name: "Save for offline" }).click();
  await expect(page.getByText("Available offline")).toBeVisible();
  // Half way down the article: reading progress to come back to.
  await page.evaluate(() => {
    const body = document.querySelector(".article .prose")!;
    const top = body.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top + body.clientHeight * 0.5 - window.innerHeight);
  });
  await expect
    .poll(() => page.evaluate((key) => localStorage.getItem(key), PROGRESS))
    .toContain("healthy-coping-with-change");

  await context.setOffline(true);
  await expect(page.getByText("You're offline.")).toBeVisible();

  // A full page load of the saved article.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: SAVED.title })).toBeVisible();
  await expect(page.getByRole("button", { name: `Bookmark: ${SAVED.title}` })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByText("You're offline.")).toBeVisible();

  // The library shell, with reading progress and the offline mark.
  await page.goto("/");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const continueReading = page.getByRole("region", { name: "Continue reading" });
  await expect(continueReading.getByRole("link", { name: SAVED.title })).toBeVisible();
  const card = page.locator(".card", { has: page.getByRole("link", { name: SAVED.title }) });
  await expect(card.getByText("Available offline")).toBeVisible();
  // Filtering still works: the search index came with the shell.
  await page.getByRole("searchbox").fill("coping");
  await expect(page.locator(".cards").getByRole("link", { name: SAVED.title })).toBeVisible();

  // Following a link to the saved article: the worker serves its offline copy.
  await card.getByRole("link", { name: SAVED.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: SAVED.title })).toBeVisible();
  await expect(page.locator(".prose")).not.toBeEmpty();

  // Bookmarks offline.
  await page.getByRole("link", { name: "Saved", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Saved articles" })).toBeVisible();
  await expect(page.getByRole("link", { name: SAVED.title })).toBeVisible();

  // Back online: the page says so.
  await context.setOffline(false);
  await expect(page.getByText("You're back online.")).toBeVisible();
});

test("an unsaved article offline shows the offline page with the saved ones", async ({
  page,
  context,
  gotoReady,
}) => {
  await saveOffline(page, gotoReady);
  await gotoReady("/");
  await context.setOffline(true);

  // Following a link, or opening the address: the offline page, never the browser's error page.
  await page.getByRole("link", { name: UNSAVED.title }).first().click();
  await expect(page).toHaveURL(/\/offline\?from=/);
  await expect(page.getByRole("heading", { level: 1, name: "Offline reading" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Try it again" })).toHaveAttribute("href", UNSAVED.path);
  await expect(page.getByRole("link", { name: SAVED.title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Get help now" }).first()).toBeVisible();
  await page.goto(UNSAVED.path);
  await waitForHydration(page);
  await expect(page).toHaveURL(/\/offline\?from=/);
  await expect(page.getByRole("link", { name: SAVED.title })).toBeVisible();
});

test("saving is separate from bookmarking, can be undone, and shows on /my-data", async ({
  page,
  gotoReady,
}) => {
  await saveOffline(page, gotoReady);
  // Not bookmarked by saving.
  await expect(page.getByRole("button", { name: `Bookmark: ${SAVED.title}` })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await gotoReady("/my-data");
  await expect(page.getByText("1 article is saved for offline reading")).toBeVisible();
  await expect(page.getByText(/use about .* of the .* this browser allows it/)).toBeVisible();

  // Kept across sessions: a reload still knows it; then remove it from the article.
  await gotoReady(SAVED.path);
  await page.getByRole("button", { name: `Remove the offline copy of “${SAVED.title}”` }).click();
  await expect(page.getByRole("button", { name: "Save for offline" })).toBeVisible();
  await gotoReady("/my-data");
  await expect(page.getByText("0 articles are saved for offline reading")).toBeVisible();
  expect(await page.evaluate(async () => (await (await caches.open("wellspring-saved")).keys()).length)).toBe(0);
});

test("save all bookmarks for offline, with progress", async ({ page, gotoReady }) => {
  await gotoReady("/");
  await waitForWorker(page);
  for (const title of [SAVED.title, UNSAVED.title]) {
    await page.getByRole("button", { name: `Bookmark: ${title}` }).click();
  }
  await gotoReady("/saved");
  await page.getByRole("button", { name: "Save all bookmarks for offline" }).click();
  await expect(page.getByText("2 of 2 saved for offline reading.")).toBeVisible();
  await expect(page.locator(".card .offline-mark")).toHaveCount(2);
});

test("a save in one tab shows in the others", async ({ page, context, gotoReady }) => {
  await gotoReady("/");
  await waitForWorker(page);
  const other = await context.newPage();
  await other.goto(SAVED.path);
  await waitForHydration(other);
  await other.getByRole("button", { name: "Save for offline" }).click();
  const card = page.locator(".card", { has: page.getByRole("link", { name: SAVED.title }) });
  await expect(card.getByText("Available offline")).toBeVisible();
  await other.getByRole("button", { name: `Remove the offline copy of “${SAVED.title}”` }).click();
  await expect(card.getByText("Available offline")).toHaveCount(0);
  await other.close();
});
