import { test, expect } from "./fixtures";

test("open an article from the library and read it", async ({ page, gotoReady }) => {
  await gotoReady("/");
  await page.getByRole("link", { name: "Wintertime Depression" }).click();
  await expect(page).toHaveURL("/articles/wintertime-depression");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wintertime Depression");
  await expect(page).toHaveTitle("Wintertime Depression · Wellspring");
  const toc = page.getByRole("navigation", { name: "On this page" });
  await expect(toc.getByRole("link").first()).toBeVisible();
  // Each contents entry points at a heading of the body.
  const target = await toc.getByRole("link").first().getAttribute("href");
  await expect(page.locator(`.prose ${target}`)).toBeVisible();
  await expect(page.locator(".prose p").first()).not.toBeEmpty();
  await expect(page.getByRole("region", { name: "Related articles" }).locator("article")).not.toHaveCount(0);
});

test("a topic on an article leads to the filtered library", async ({ page, gotoReady }) => {
  await gotoReady("/articles/meditation-for-anxiety");
  await page.getByRole("list", { name: "Topics" }).getByRole("link", { name: "Anxiety and stress" }).click();
  await expect(page).toHaveURL("/?topic=anxiety-stress");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anxiety and stress");
  await expect(page.getByRole("link", { name: "Meditation for Anxiety: A Beginner's Guide" })).toBeVisible();
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("an article renders its whole text from the server", async ({ page }) => {
    await page.goto("/articles/healthy-coping-with-change");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Healthy Coping with Change");
    await expect(page.locator(".prose h2").first()).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "Get help now" })).toBeVisible();
  });
});
