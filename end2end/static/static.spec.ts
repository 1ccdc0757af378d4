import {
  test as base,
  expect,
  articleCount,
  cardsOf as cards,
  resultCount,
  showAll,
  waitForHydration,
  waitForWorker,
} from "../tests/fixtures";
import type { Page } from "@playwright/test";

/**
 * The static build on a plain static host. A deep link (/articles/x, /saved) is answered
 * with 404.html and status 404, which Chromium logs as a console error: expected here. Any
 * other 404 (a missing script, style, icon or manifest) fails the test instead.
 */
const test = base.extend<{ missing: string[] }>({
  allowedConsole: [/status of 404/],
  missing: [
    async ({ page }, use) => {
      const missing: string[] = [];
      page.on("response", (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== "document") missing.push(r.url());
      });
      await use(missing);
      expect(missing, "assets the static build lacks").toEqual([]);
    },
    { auto: true },
  ],
});

const bookmarkOf = (page: Page, title: string) =>
  page.getByRole("button", { name: `Bookmark: ${title}` });

/**
 * The static build has no /api to ask how many articles there are: the library at "/",
 * before any filter, counts every article it was built with. What it counts, and how many
 * cards it shows at first (every one, or the first page of them), are what the tests expect.
 */
async function unfiltered(page: Page) {
  const total = await resultCount(page);
  expect(total, "articles in the build").toBeGreaterThan(0);
  await expect(cards(page).first()).toBeVisible();
  return { total, shown: await cards(page).count() };
}

test("the library lists every article, with the site's icons and manifest", async ({ page, gotoReady }) => {
  await gotoReady("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Articles for your wellbeing");
  await showAll(page, (await unfiltered(page)).total);
  await expect(page).toHaveTitle(/Wellspring/);
  for (const path of ["/manifest.webmanifest", "/icons/icon-192.png", "/favicon.ico", "/icon.svg"]) {
    expect((await page.request.get(path)).status(), path).toBe(200);
  }
});

test("an article opens from the library, and its deep link boots the app", async ({ page, gotoReady }) => {
  await gotoReady("/");
  await page.getByRole("link", { name: "Wintertime Depression" }).click();
  await expect(page).toHaveURL("/articles/wintertime-depression");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wintertime Depression");
  await expect(page).toHaveTitle("Wintertime Depression · Wellspring");
  await expect(page.locator(".prose p").first()).not.toBeEmpty();
  // A reload asks the host for /articles/wintertime-depression: it has no such file.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wintertime Depression");
  await expect(page.getByRole("region", { name: "Related articles" }).locator("article")).not.toHaveCount(0);
  await gotoReady("/articles/no-such-article");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
});

test("a bookmark survives a reload and shows on /saved", async ({ page, gotoReady }) => {
  const title = "Healthy Coping with Change";
  await gotoReady("/articles/healthy-coping-with-change");
  await expect(bookmarkOf(page, title)).toHaveAttribute("aria-pressed", "false");
  await bookmarkOf(page, title).click();
  await expect(bookmarkOf(page, title)).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await waitForHydration(page);
  await expect(bookmarkOf(page, title)).toHaveAttribute("aria-pressed", "true");
  await gotoReady("/saved");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("topic chips and search filter the library, and the filtered URL reloads", async ({ page, gotoReady }) => {
  await gotoReady("/");
  const all = await unfiltered(page);
  const topics = page.getByRole("navigation", { name: "Topics" });
  const chip = topics.getByRole("link", { name: /Mindfulness/ });
  // The chip counts the topic's articles; the filter narrows the library to them.
  const inTopic = Number.parseInt((await chip.locator(".chip-count").textContent()) ?? "", 10);
  expect(inTopic).toBeGreaterThan(0);
  expect(inTopic).toBeLessThan(all.total);
  await chip.click();
  await expect(page).toHaveURL(/\?topic=mindfulness$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mindfulness");
  await expect(page.locator(".result-count")).toHaveText(articleCount(inTopic));
  await expect(cards(page)).toHaveCount(Math.min(inTopic, all.shown));
  const shown = await cards(page).all();
  expect(shown.length).toBeGreaterThan(0);
  for (const card of shown) {
    await expect(card.getByRole("list", { name: "Topics" })).toContainText("Mindfulness");
  }
  const filtered = await cards(page).count();
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mindfulness");
  await expect(cards(page)).toHaveCount(filtered);
  await topics.getByRole("link", { name: "All topics" }).click();
  await page.getByRole("searchbox", { name: "Search articles" }).fill("sober");
  await expect(page).toHaveURL(/\?q=sober$/);
  await expect(cards(page).first().locator(".card-title")).toHaveText("Are You Sober Curious?");
});

test.describe("offline", () => {
  test.use({ allowedConsole: [/status of 404|ERR_INTERNET_DISCONNECTED|Failed to load resource/] });

  test("once opened, the whole library reads with no connection", async ({ page, context, gotoReady }) => {
    await gotoReady("/");
    const online = await unfiltered(page);
    await waitForWorker(page);
    await context.setOffline(true);
    await page.reload();
    await waitForHydration(page);
    await expect(page.locator(".result-count")).toHaveText(articleCount(online.total));
    await expect(cards(page)).toHaveCount(online.shown);
    await expect(page.getByText("You're offline.")).toBeVisible();
    // A deep link never opened before: every article is inside the app.
    await page.goto("/articles/wintertime-depression");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: "Wintertime Depression" })).toBeVisible();
    await context.setOffline(false);
  });
});
