import { test, expect } from "./fixtures";

test("the library lists every article as a card, newest first", async ({ page, gotoReady }) => {
  await gotoReady("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Articles for your wellbeing");
  const cards = page.locator("main article.card");
  await expect(cards).toHaveCount(25);
  const dates = await cards.locator("time").evaluateAll((els) =>
    els.map((e) => e.getAttribute("datetime") ?? ""),
  );
  expect(dates).toEqual([...dates].sort().reverse());
  const first = cards.first();
  await expect(first.getByRole("link")).toHaveAttribute("href", /^\/articles\/[a-z0-9-]+$/);
  await expect(first.locator(".card-summary")).not.toBeEmpty();
  await expect(first.getByRole("list", { name: "Topics" }).getByRole("listitem").first()).toBeVisible();
  await expect(first.locator(".card-meta")).toContainText(/\d+ min read/);
});

test("a topic chip filters the library in the browser, without a page load", async ({ page, gotoReady }) => {
  await gotoReady("/");
  // A full page load would lose this marker; the hydrated router keeps it.
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.getByRole("navigation", { name: "Topics" }).getByRole("link", { name: /Mindfulness/ }).click();
  await expect(page).toHaveURL(/\?topic=mindfulness$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mindfulness");
  const cards = page.locator("main article.card");
  await expect(cards).not.toHaveCount(25);
  for (const card of await cards.all()) {
    await expect(card.getByRole("list", { name: "Topics" })).toContainText("Mindfulness");
  }
  await expect(page.getByRole("link", { name: /Mindfulness/ })).toHaveAttribute("aria-current", "true");
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expect(page).toHaveTitle("Mindfulness · Wellspring");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("the filtered library is rendered on the server too", async ({ page }) => {
    await page.goto("/?topic=parents-young-people");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Parents and young people");
    const cards = page.locator("main article.card");
    await expect(cards).toHaveCount(4);
    await expect(cards.getByRole("link", { name: "How to Talk with Your Teen About Mental Health" })).toBeVisible();
    for (const card of await cards.all()) {
      await expect(card.getByRole("list", { name: "Topics" })).toContainText("Parents and young people");
    }
  });
});
