import { test, expect } from "./fixtures";

const pages = ["/", "/?topic=mindfulness", "/articles/are-you-sober-curious", "/help"];

for (const path of pages) {
  test(`${path} has its own title, description, canonical link, one h1 and landmarks`, async ({ page, gotoReady }) => {
    await gotoReady(path);
    await expect(page).toHaveTitle(/\S · Wellspring$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^.{30,}$/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /^https?:\/\/[^/]+\//);
    await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    for (const role of ["banner", "main", "contentinfo"] as const) {
      await expect(page.getByRole(role)).toHaveCount(1);
    }
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
  });
}

test("help is one tap away from every page, with real numbers and their countries", async ({ page, gotoReady, request }) => {
  // The site's default region, from its own help data (content/help.toml).
  const help = await (await request.get("/api/help")).json();
  const region = help.regions.find((r: { code: string }) => r.code === help.default_code);
  await gotoReady("/articles/world-suicide-prevention-day");
  await page.getByRole("banner").getByRole("link", { name: "Get help now" }).click();
  await expect(page).toHaveURL("/help");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get help now");
  await expect(page.getByRole("heading", { level: 2, name: region.name })).toBeVisible();
  const emergency = page.getByRole("link", { name: `Call ${region.emergency}` });
  await expect(emergency).toHaveAttribute("href", `tel:${region.emergency}`);
  // Every visible service of the region can be called or texted from here.
  const calls = page.locator(".help-region:not([hidden]) a[href^='tel:'], .help-region:not([hidden]) a[href^='sms:']");
  expect(await calls.count()).toBeGreaterThan(1);
});

test.describe("not found", () => {
  test.use({ allowedConsole: [/status of 404/] });
  for (const path of ["/no-such-page", "/articles/no-such-article"]) {
    test(`${path} is a real 404 that helps the reader on`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
      await expect(page.getByRole("link", { name: "Browse the library" })).toHaveAttribute("href", "/");
    });
  }
});

test("no request leaves the site", async ({ page, gotoReady, baseURL }) => {
  const origins = new Set<string>();
  page.on("request", (req) => origins.add(new URL(req.url()).origin));
  await gotoReady("/");
  await page.getByRole("link", { name: "Are You Sober Curious?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Are You Sober Curious?");
  await gotoReady("/help");
  expect([...origins]).toEqual([new URL(baseURL!).origin]);
});
