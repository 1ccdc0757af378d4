import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, waitForWorker, REGION } from "./fixtures";

/**
 * Help where the reader is (issue #24): /help opens on the site's default region, a reader's
 * pick applies at once and is kept with reader state, every help box on every page follows
 * it, it works without JavaScript, and offline. Regions and services come from the server's
 * own help data (/api/help), never typed here.
 */

type Region = { code: string; name: string; emergency: string };
type Help = { regions: Region[]; default_code: string };

async function help(request: APIRequestContext): Promise<Help> {
  const res = await request.get("/api/help");
  expect(res.ok()).toBe(true);
  const data: Help = await res.json();
  expect(data.regions.length, "the help data has regions").toBeGreaterThan(1);
  return data;
}

/** The default region and another one. */
async function twoRegions(request: APIRequestContext): Promise<[Region, Region]> {
  const data = await help(request);
  const home = data.regions.find((r) => r.code === data.default_code)!;
  const other = data.regions.find((r) => r.code !== data.default_code)!;
  return [home, other];
}

const block = (page: Page, code: string) => page.locator(`.help-region[data-region="${code}"]`);

/** Only `shown`'s blocks are visible among the page's help-region blocks. */
async function expectShows(page: Page, shown: Region, hidden: Region) {
  await expect(block(page, shown.code).first()).toBeVisible();
  await expect(block(page, hidden.code).first()).toBeHidden();
}

/** An article whose body holds a help box, found through the server's own data. */
async function articleWithHelpBox(request: APIRequestContext): Promise<string> {
  const cards = (await (await request.get("/api/cards")).json()).articles as { slug: string }[];
  expect(cards.length).toBeGreaterThan(0);
  for (const { slug } of cards) {
    const article = await (await request.get(`/api/article?slug=${slug}`)).json();
    if (article?.body_html?.includes('class="help-box"')) return `/articles/${slug}`;
  }
  throw new Error("no article has a help box");
}

test("a region picked on /help applies at once, is kept, and every help box follows it", async ({
  page,
  gotoReady,
  request,
}) => {
  const [home, other] = await twoRegions(request);
  await gotoReady("/help");
  await expectShows(page, home, other);
  await expect(page.getByRole("link", { name: `Call ${home.emergency}` }).first()).toBeVisible();

  await page.getByLabel("Show support for").selectOption(other.code);
  await expectShows(page, other, home);
  await expect(page).toHaveURL(`/help?region=${other.code}`);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), REGION)).toBe(JSON.stringify(other.code));

  // A plain /help opens on the reader's choice, as does the help box of an article.
  await gotoReady("/help");
  await expectShows(page, other, home);
  await expect(page.getByLabel("Show support for")).toHaveValue(other.code);
  await gotoReady(await articleWithHelpBox(request));
  const box = page.locator(".help-box").first();
  await expect(box.locator(`.help-region[data-region="${other.code}"]`)).toBeVisible();
  await expect(box.locator(`.help-region[data-region="${home.code}"]`)).toBeHidden();
  await expect(box.getByRole("link", { name: `Call ${other.emergency}` })).toBeVisible();

  // "All regions" is one pick away.
  await gotoReady("/help");
  await page.getByLabel("Show support for").selectOption("all");
  for (const r of (await help(request)).regions) await expect(block(page, r.code)).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("/help picks a region with a plain form", async ({ page, request }) => {
    const [home, other] = await twoRegions(request);
    await page.goto("/help");
    await expectShows(page, home, other);
    await page.getByLabel("Show support for").selectOption(other.code);
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(`/help?region=${other.code}`);
    await expectShows(page, other, home);
  });
});

test("/help works offline, on the reader's region", async ({ page, context, gotoReady, request }) => {
  const [home, other] = await twoRegions(request);
  await gotoReady("/help");
  await waitForWorker(page);
  await page.getByLabel("Show support for").selectOption(other.code);
  await context.setOffline(true);
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get help now");
  await expectShows(page, other, home);
  await context.setOffline(false);
});
