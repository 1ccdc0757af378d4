import { test, expect, cardsOf, expectShows, showAll } from "./fixtures";

test("the library lists every article as a card, newest first", async ({ page, gotoReady, library }) => {
  await gotoReady("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Articles for your wellbeing");
  const all = library.all();
  await expectShows(page, all);
  await showAll(page, all.total);
  const cards = cardsOf(page);
  const dates = await cards.locator("time").evaluateAll((els) =>
    els.map((e) => e.getAttribute("datetime") ?? ""),
  );
  expect(dates).toHaveLength(all.total);
  expect(dates).toEqual([...dates].sort().reverse());
  const first = cards.first();
  await expect(first.getByRole("link")).toHaveAttribute("href", /^\/articles\/[a-z0-9-]+$/);
  await expect(first.locator(".card-summary")).not.toBeEmpty();
  await expect(first.getByRole("list", { name: "Topics" }).getByRole("listitem").first()).toBeVisible();
  await expect(first.locator(".card-meta")).toContainText(/\d+ min read/);
});

test("a topic chip filters the library in the browser, without a page load", async ({ page, gotoReady, library }) => {
  const mindfulness = library.withTopics("mindfulness");
  // The chip narrows the library: otherwise this test could not tell it did anything.
  expect(mindfulness.total).toBeLessThan(library.all().total);
  await gotoReady("/");
  // A full page load would lose this marker; the hydrated router keeps it.
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.getByRole("navigation", { name: "Topics" }).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(page).toHaveURL(/\?topic=mindfulness$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mindfulness");
  await expectShows(page, mindfulness);
  const cards = await cardsOf(page).all();
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    await expect(card.getByRole("list", { name: "Topics" })).toContainText("Mindfulness");
  }
  await expect(page.getByRole("link", { name: /Mindfulness/ })).toHaveAttribute("aria-current", "true");
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expect(page).toHaveTitle("Mindfulness · Wellspring");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("the filtered library is rendered on the server too", async ({ page, library }) => {
    const parents = library.withTopics("parents-young-people");
    await page.goto("/?topic=parents-young-people");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Parents and young people");
    await expectShows(page, parents);
    const cards = cardsOf(page);
    await expect(cards.getByRole("link", { name: parents.titles[0], exact: true })).toBeVisible();
    const all = await cards.all();
    expect(all.length).toBeGreaterThan(0);
    for (const card of all) {
      await expect(card.getByRole("list", { name: "Topics" })).toContainText("Parents and young people");
    }
  });
});
