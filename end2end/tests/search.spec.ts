import { test, expect, articleCount, cardsOf, expectShows, fold, titlesOf } from "./fixtures";
import type { Page } from "@playwright/test";

const topicsNav = (page: Page) => page.getByRole("navigation", { name: "Topics" });
const search = (page: Page) => page.getByRole("searchbox", { name: "Search articles" });

/** Opens the library and waits until the search index has arrived, so what follows is
 *  pure in-browser filtering. */
async function openLibrary(page: Page, gotoReady: (p: string) => Promise<void>, path = "/") {
  const index = page.waitForResponse((r) => r.url().includes("/api/search-index"));
  await gotoReady(path);
  await index;
}

/** That the cards whose titles match `re` are the first `count` shown, and no other is: search
 *  ranks a match in the title above one in the text. */
async function expectTitleMatchesFirst(page: Page, re: RegExp, count: number) {
  expect(count, `titles matching ${re}`).toBeGreaterThan(0);
  const titles = await titlesOf(page).allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(count);
  expect(titles.map((t) => re.test(fold(t))), titles.join(" | ")).toEqual(titles.map((_, i) => i < count));
}

test("filtering makes no request, and a search fetches the index's chunks it needs once", async ({ page, gotoReady, library }) => {
  await openLibrary(page, gotoReady);
  // Data requests only: Chromium re-checks the favicon on URL changes, which is not ours.
  // (`library` asks the server through its own request context, which this does not see.)
  const requests: string[] = [];
  page.on("request", (r) => {
    if (["document", "fetch", "xhr", "script"].includes(r.resourceType())) requests.push(r.url());
  });
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(page).toHaveURL(/topic=mindfulness/);
  await topicsNav(page).getByRole("link", { name: /Goals and growth/ }).click();
  expect(requests, "topics filter in the browser").toEqual([]);
  const topics = ["mindfulness", "goals-growth"];
  await search(page).fill("goal");
  await expect(page).toHaveURL(/q=goal/);
  await expectShows(page, await library.search("goal", topics));
  expect(requests.length, "the chunks of the index that hold 'goal'").toBeGreaterThan(0);
  for (const url of requests) expect(url).toContain("/api/search-chunk?");
  const fetched = requests.length;
  // The same words again, and a longer form of them: the chunks are here, nothing is asked.
  await search(page).fill("");
  await search(page).fill("goals");
  await expectShows(page, await library.search("goals", topics));
  await search(page).fill("goal");
  await expectShows(page, await library.search("goal", topics));
  expect(requests.length, requests.join("\n")).toBe(fetched);
  await search(page).fill("");
  await topicsNav(page).getByRole("link", { name: "All topics" }).click();
  await expectShows(page, library.all());
  expect(requests.length).toBe(fetched);
});

test("several topics combine, and the URL says which", async ({ page, gotoReady, library }) => {
  const mindfulness = library.withTopics("mindfulness");
  const inclusion = library.withTopics("inclusion-belonging");
  const both = library.withTopics("mindfulness", "inclusion-belonging");
  // Either topic's articles: more than each alone shows, or combining would prove nothing.
  expect(both.total).toBeGreaterThan(Math.max(mindfulness.total, inclusion.total));
  await openLibrary(page, gotoReady);
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expectShows(page, mindfulness);
  await topicsNav(page).getByRole("link", { name: /Inclusion and belonging/ }).click();
  await expect(page).toHaveURL("/?topic=mindfulness&topic=inclusion-belonging");
  await expectShows(page, both);
  await expect(topicsNav(page).getByRole("link", { name: /Mindfulness/ })).toHaveAttribute("aria-current", "true");
  // A chip that is on turns off again.
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(page).toHaveURL("/?topic=inclusion-belonging");
  await expectShows(page, inclusion);
});

test("search matches words by prefix, ignores case and accents, and ranks titles first", async ({ page, gotoReady, library }) => {
  await openLibrary(page, gotoReady);
  await search(page).fill("DEPRESS");
  await expect(page).toHaveURL("/?q=DEPRESS");
  await expectShows(page, await library.search("DEPRESS"));
  const depress = /\bdepress/i;
  await expectTitleMatchesFirst(page, depress, library.titlesWith(null, depress).length);
  await expect(cardsOf(page).first().locator("mark").first()).toHaveText(/^Depress/i);
  await search(page).fill("méditation");
  await expectShows(page, await library.search("méditation"));
  await expect(titlesOf(page).first()).toHaveText(/\bMeditation/);
  // A word of an article's text, in no title: every article found has it in its body.
  const body = await library.search("kombucha");
  expect(body.total).toBeGreaterThan(0);
  expect(library.titlesWith(null, /kombucha/i)).toEqual([]);
  for (const title of body.titles) expect(await library.bodyOf(title), title).toMatch(/kombucha/i);
  await search(page).fill("kombucha");
  await expectShows(page, body);
  await expect(page.getByRole("status").filter({ hasText: articleCount(body.total) })).toBeVisible();
});

test("search combines with a topic, and no result offers a way back", async ({ page, gotoReady, library }) => {
  const parents = library.withTopics("parents-young-people");
  const school = await library.search("school", ["parents-young-people"]);
  const schoolTitles = library.titlesWith("parents-young-people", /\bschool/i).length;
  // Title matches first, then articles that mention school in their text only.
  expect(school.total).toBeGreaterThan(schoolTitles);
  await openLibrary(page, gotoReady, "/?topic=parents-young-people");
  await search(page).fill("school");
  await expect(page).toHaveURL("/?topic=parents-young-people&q=school");
  await expectShows(page, school);
  await expectTitleMatchesFirst(page, /\bschool/i, schoolTitles);
  await search(page).fill("xylophone");
  await expect(cardsOf(page)).toHaveCount(0);
  await expect(page.getByText("No articles match “xylophone”.")).toBeVisible();
  await page.getByRole("link", { name: "Clear the search" }).click();
  await expect(page).toHaveURL("/?topic=parents-young-people");
  await expectShows(page, parents);
});

test("back and forward restore earlier filters", async ({ page, gotoReady, library }) => {
  const mindfulness = library.withTopics("mindfulness");
  const both = library.withTopics("mindfulness", "addiction-recovery");
  await openLibrary(page, gotoReady);
  await topicsNav(page).getByRole("link", { name: /Mindfulness/ }).click();
  await expectShows(page, mindfulness);
  await topicsNav(page).getByRole("link", { name: /Addiction and recovery/ }).click();
  await expectShows(page, both);
  await page.goBack();
  await expect(page).toHaveURL("/?topic=mindfulness");
  await expectShows(page, mindfulness);
  await page.goBack();
  await expectShows(page, library.all());
  await page.goForward();
  await expectShows(page, mindfulness);
});

test("reader-state filters: saved, in progress, finished, unread", async ({ page, gotoReady, library }) => {
  await openLibrary(page, gotoReady);
  await page.getByRole("button", { name: "Bookmark: Wintertime Depression" }).click();
  const reading = page.getByRole("navigation", { name: "Your reading" });
  await reading.getByRole("link", { name: "Saved" }).click();
  await expect(page).toHaveURL("/?show=saved");
  await expect(titlesOf(page)).toHaveText(["Wintertime Depression"]);
  await reading.getByRole("link", { name: "Unread" }).click();
  // Nothing has been read: every article is unread.
  await expectShows(page, library.all());
  await reading.getByRole("link", { name: "Finished" }).click();
  await expect(cardsOf(page)).toHaveCount(0);
});

test("search works by keyboard alone", async ({ page, gotoReady }) => {
  await openLibrary(page, gotoReady);
  await search(page).focus();
  await page.keyboard.type("sober");
  await expect(titlesOf(page).first()).toHaveText("Are You Sober Curious?");
  await expect(page).toHaveURL("/?q=sober");
  // Typing kept the focus in the box (the list changed around it).
  await expect(search(page)).toBeFocused();
  await page.keyboard.press("Backspace");
  await expect(page).toHaveURL("/?q=sobe");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("the server renders the same filtered, searched list as the browser", async ({ page, browser, library }) => {
    const path = "/?topic=seasons-life-events&q=year";
    await page.goto(path);
    await expect(search(page)).toHaveValue("year");
    const fromServer = await titlesOf(page).allTextContents();
    expect(fromServer.length).toBeGreaterThan(0);
    // The search narrows the topic's articles.
    expect(fromServer.length).toBeLessThan(library.withTopics("seasons-life-events").total);
    expect(fromServer).toEqual((await library.search("year", ["seasons-life-events"])).titles);
    // What the browser's own filtering gives once the whole library has come.
    const withJs = await browser.newContext({ javaScriptEnabled: true });
    const live = await withJs.newPage();
    await live.goto(path);
    await live.locator(".cards[data-complete]").waitFor();
    expect(await titlesOf(live).allTextContents()).toEqual(fromServer);
    await withJs.close();

    await page.goto("/?q=wintertime");
    await expect(cardsOf(page).first().locator("mark").first()).toHaveText("Wintertime");
    // The search form works without JavaScript too.
    await search(page).fill("sleep");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=sleep/);
  });
});

test("the shelf names every article's slug and topics, and a large library's cards come by number", async ({ request, library }) => {
  const res = await request.get("/api/search-index");
  expect(res.ok()).toBe(true);
  const { shelf, cards } = await res.json();
  expect(shelf.slugs).toEqual(library.cards.map((c) => c.slug));
  library.cards.forEach((card, i) => {
    const topics = shelf.topics_of[i].map((t: number) => shelf.topics[t]);
    expect(topics, card.slug).toEqual(card.topics.map((t) => t.slug));
  });
  // This library is small enough to come whole: filtering it never asks for a card.
  expect(cards.map((c: { slug: string }) => c.slug)).toEqual(shelf.slugs);
  // What a large library asks for instead: the cards of the results shown, by number, in order.
  const last = library.cards.length - 1;
  const asked = await request.get(`/api/cards-of?ids=${last},0&v=${shelf.version}`);
  expect(asked.ok()).toBe(true);
  expect((await asked.json()).map((c: { slug: string }) => c.slug)).toEqual([library.cards[last].slug, library.cards[0].slug]);
  // Never another library's cards, nor a card that is not there.
  expect((await request.get(`/api/cards-of?ids=0&v=not-this-library`)).ok()).toBe(false);
  expect((await request.get(`/api/cards-of?ids=${last + 1}&v=${shelf.version}`)).ok()).toBe(false);
});

test.describe("when the library changes while the page is open", () => {
  // The service worker would answer before the route below sees the requests; the stale
  // chunks are refused with a 400, which the browser reports.
  test.use({ serviceWorkers: "block", allowedConsole: [/status of 400/] });

  test("a refused chunk makes the page take the new library, and the search works", async ({ page, gotoReady, library }) => {
    // The first answer stands for the library before a deploy: versions the server no longer has.
    let asked = 0;
    await page.route("**/api/search-index*", async (route) => {
      asked += 1;
      const response = await route.fetch();
      if (asked > 1) return route.fulfill({ response });
      const old = await response.json();
      for (const chunk of old.index.chunks) chunk.version = "0".repeat(16);
      old.shelf.version = "0".repeat(16);
      // Without the real answer's ETag, or the browser would keep this body under it.
      const { etag, ...headers } = response.headers();
      await route.fulfill({ status: 200, headers, json: old });
    });
    await gotoReady("/");
    await page.locator(".cards[data-complete]").waitFor();
    await search(page).fill("sleep");
    await expectShows(page, await library.search("sleep"));
    expect(asked, "the shelf and index meta, asked again after the refusal").toBeGreaterThan(1);
  });
});
