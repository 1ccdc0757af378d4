import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

const cards = (page: Page) => page.locator("main article.card");
const cardTitles = (page: Page) => cards(page).locator(".card-title");
const topicsNav = (page: Page) => page.getByRole("navigation", { name: "Topics" });
const search = (page: Page) => page.getByRole("searchbox", { name: "Search articles" });

/** Opens the library and waits until the search index has arrived, so what follows is
 *  pure in-browser filtering. */
async function openLibrary(page: Page, gotoReady: (p: string) => Promise<void>, path = "/") {
  const index = page.waitForResponse((r) => r.url().includes("/api/search-index"));
  await gotoReady(path);
  await index;
}

test("filtering and searching make no request to the server", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  // Data requests only: Chromium re-checks the favicon on URL changes, which is not ours.
  const requests: string[] = [];
  page.on("request", (r) => {
    if (["document", "fetch", "xhr", "script"].includes(r.resourceType())) requests.push(r.url());
  });
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(page).toHaveURL(/topic=mindfulness/);
  await topicsNav(page).getByRole("link", { name: /Goals and growth/ }).click();
  await search(page).fill("goal");
  await expect(page).toHaveURL(/q=goal/);
  await search(page).fill("");
  await topicsNav(page).getByRole("link", { name: "All topics" }).click();
  await expect(cards(page)).toHaveCount(25);
  expect(requests).toEqual([]);
});

test("several topics combine, and the URL says which", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(cards(page)).toHaveCount(3);
  await topicsNav(page).getByRole("link", { name: /Inclusion and belonging/ }).click();
  await expect(page).toHaveURL("/?topic=mindfulness&topic=inclusion-belonging");
  await expect(cards(page)).toHaveCount(6);
  await expect(topicsNav(page).getByRole("link", { name: /Mindfulness/ })).toHaveAttribute("aria-current", "true");
  // A chip that is on turns off again.
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(page).toHaveURL("/?topic=inclusion-belonging");
  await expect(cards(page)).toHaveCount(3);
});

test("search matches words by prefix, ignores case and accents, and ranks titles first", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await search(page).fill("DEPRESS");
  await expect(page).toHaveURL("/?q=DEPRESS");
  await expect(cardTitles(page).first()).toContainText(/Depression/);
  await expect(cardTitles(page).nth(1)).toContainText(/Depression/);
  await expect(cards(page).first().locator("mark").first()).toHaveText(/^Depress/i);
  await search(page).fill("méditation");
  await expect(cardTitles(page).first()).toHaveText("Meditation for Anxiety: A Beginner's Guide");
  // A word only found in an article's body.
  await search(page).fill("microbiome");
  await expect(cardTitles(page)).toHaveText(["The Importance of Gut Health"]);
  await expect(page.getByRole("status").filter({ hasText: "1 article" })).toBeVisible();
});

test("search combines with a topic, and no result offers a way back", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady, "/?topic=parents-young-people");
  await search(page).fill("school");
  await expect(page).toHaveURL("/?topic=parents-young-people&q=school");
  // Title matches first, then articles that mention school in their text.
  await expect(cards(page)).toHaveCount(4);
  await expect(cardTitles(page).nth(0)).toContainText("School");
  await expect(cardTitles(page).nth(1)).toContainText("School");
  await expect(cardTitles(page).nth(2)).not.toContainText("School");
  await search(page).fill("xylophone");
  await expect(cards(page)).toHaveCount(0);
  await expect(page.getByText("No articles match “xylophone”.")).toBeVisible();
  await page.getByRole("link", { name: "Clear the search" }).click();
  await expect(page).toHaveURL("/?topic=parents-young-people");
  await expect(cards(page)).toHaveCount(4);
});

test("back and forward restore earlier filters", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(cards(page)).toHaveCount(3);
  await topicsNav(page).getByRole("link", { name: /Addiction and recovery/ }).click();
  await expect(cards(page)).toHaveCount(6);
  await page.goBack();
  await expect(page).toHaveURL("/?topic=mindfulness");
  await expect(cards(page)).toHaveCount(3);
  await page.goBack();
  await expect(cards(page)).toHaveCount(25);
  await page.goForward();
  await expect(cards(page)).toHaveCount(3);
});

test("reader-state filters: saved, in progress, finished, unread", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await page.getByRole("button", { name: "Bookmark: Wintertime Depression" }).click();
  const reading = page.getByRole("navigation", { name: "Your reading" });
  await reading.getByRole("link", { name: "Saved" }).click();
  await expect(page).toHaveURL("/?show=saved");
  await expect(cardTitles(page)).toHaveText(["Wintertime Depression"]);
  await reading.getByRole("link", { name: "Unread" }).click();
  await expect(cards(page)).toHaveCount(25);
  await reading.getByRole("link", { name: "Finished" }).click();
  await expect(cards(page)).toHaveCount(0);
});

test("search works by keyboard alone", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await search(page).focus();
  await page.keyboard.type("sober");
  await expect(cardTitles(page).first()).toHaveText("Are You Sober Curious?");
  await expect(page).toHaveURL("/?q=sober");
  // Typing kept the focus in the box (the list changed around it).
  await expect(search(page)).toBeFocused();
  await page.keyboard.press("Backspace");
  await expect(page).toHaveURL("/?q=sobe");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("the server renders the same filtered, searched list as the browser", async ({ page, browser }) => {
    const path = "/?topic=seasons-life-events&q=year";
    await page.goto(path);
    await expect(search(page)).toHaveValue("year");
    const fromServer = await cardTitles(page).allTextContents();
    expect(fromServer.length).toBeGreaterThan(0);
    expect(fromServer.length).toBeLessThan(6);
    // What the browser's own filtering gives once the whole library has come.
    const withJs = await browser.newContext({ javaScriptEnabled: true });
    const live = await withJs.newPage();
    await live.goto(path);
    await live.locator(".cards[data-complete]").waitFor();
    expect(await cardTitles(live).allTextContents()).toEqual(fromServer);
    await withJs.close();

    await page.goto("/?q=wintertime");
    await expect(cards(page).first().locator("mark").first()).toHaveText("Wintertime");
    // The search form works without JavaScript too.
    await search(page).fill("sleep");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=sleep/);
  });
});
