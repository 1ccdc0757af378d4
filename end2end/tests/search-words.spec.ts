import { test, expect, cardsOf, expectShows, titlesOf } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * Search in a reader's own words (issue #23): any word of an article's body, word forms and
 * everyday words (content/synonyms.toml), one typo, and the words marked on the article
 * opened from the results. What the page shows is what the server answers for the same
 * search, so no test types which articles a word finds.
 */

const search = (page: Page) => page.getByRole("searchbox", { name: "Search articles" });
const corrected = (page: Page) => page.locator(".search-corrected");

async function openLibrary(page: Page, gotoReady: (p: string) => Promise<void>) {
  const index = page.waitForResponse((r) => r.url().includes("/api/search-index"));
  await gotoReady("/");
  await index;
}

test("a word from an article's body, its forms and its everyday words find it", async ({ page, gotoReady, library }) => {
  await openLibrary(page, gotoReady);
  // "relapse" is in bodies only; "relapses" finds it by its stem.
  const relapse = await library.search("relapse");
  expect(relapse.total, "articles that mention relapse").toBeGreaterThan(0);
  expect(library.titlesWith(null, /relapse/i)).toEqual([]);
  await search(page).fill("relapses");
  await expectShows(page, await library.search("relapses"));
  expect((await library.search("relapses")).titles).toEqual(expect.arrayContaining(relapse.titles));
  // A synonym: "insomnia" is in no article; the articles about sleep are found.
  const insomnia = await library.search("insomnia");
  expect(insomnia.total).toBeGreaterThan(0);
  for (const title of insomnia.titles.slice(0, 3)) expect(await library.bodyOf(title), title).toMatch(/sleep/i);
  await search(page).fill("insomnia");
  await expectShows(page, insomnia);
  await expect(cardsOf(page).locator("mark").first()).toBeVisible();
});

test("one typo is forgiven, and the page says what it searched for", async ({ page, gotoReady, library }) => {
  await openLibrary(page, gotoReady);
  await search(page).fill("slepe");
  await expect(corrected(page)).toContainText("Showing results for sleep.");
  await expectShows(page, await library.search("sleep"));
  // A word that matches is never "corrected".
  await search(page).fill("sleep");
  await expect(corrected(page)).not.toContainText("Showing results for");
});

test("an article opened from the results marks what was searched for", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await search(page).fill("kombucha");
  await expect(titlesOf(page)).not.toHaveCount(0);
  await titlesOf(page).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/articles\/[^?]+\?highlight=kombucha$/);
  await expect(page.locator(".prose mark").first()).toHaveText(/^kombucha$/i);
  await expect(page.getByText("Words from your search “kombucha” are marked.")).toBeVisible();
  await page.getByRole("link", { name: "Hide the marks" }).click();
  await expect(page).toHaveURL(/\/articles\/[^?]+$/);
  await expect(page.locator(".prose mark")).toHaveCount(0);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("the server forgives a typo and says so", async ({ page, library }) => {
    await page.goto("/?q=slepe");
    await expect(corrected(page)).toContainText("Showing results for sleep.");
    const expected = await library.search("slepe");
    expect(expected.total).toBeGreaterThan(0);
    await expect(titlesOf(page)).toHaveText(expected.titles);
  });
});
