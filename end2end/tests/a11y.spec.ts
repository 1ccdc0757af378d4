import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Page } from "@playwright/test";
import { test, expect, waitForHydration, BOOKMARKS, PROGRESS } from "./fixtures";

// Issue #10: every page, in both colour schemes, has no violation that axe can find of
// WCAG 2.0/2.1 A and AA or of axe's best practices.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const ARTICLE = { slug: "healthy-coping-with-change", title: "Healthy Coping with Change" };

type Case = {
  name: string;
  path: string;
  /** Reader state to put in local storage before the page loads. */
  seed?: { bookmarks?: unknown[]; progress?: unknown[] };
  /** Waits until the page shows what it is there to check. */
  ready: (page: Page) => Promise<void>;
  notFound?: boolean;
};

const h1 = (text: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
};

const cases: Case[] = [
  { name: "the library", path: "/", ready: h1("Articles for your wellbeing") },
  {
    name: "the library with reading in progress",
    path: "/",
    seed: { progress: [{ slug: ARTICLE.slug, fraction: 0.4, updated_at: 1_700_000_000_000 }] },
    ready: async (page) => {
      await expect(page.getByRole("region", { name: "Continue reading" }).getByRole("link", { name: ARTICLE.title })).toBeVisible();
    },
  },
  { name: "a topic", path: "/?topic=mindfulness", ready: h1("Mindfulness") },
  { name: "an article", path: `/articles/${ARTICLE.slug}`, ready: h1(ARTICLE.title) },
  { name: "help", path: "/help", ready: h1("Get help now") },
  {
    name: "saved, empty",
    path: "/saved",
    ready: async (page) => {
      await expect(page.getByText("Nothing saved yet.")).toBeVisible();
    },
  },
  {
    name: "saved, with a bookmark",
    path: "/saved",
    seed: { bookmarks: [{ slug: ARTICLE.slug, saved_at: 1_700_000_000_000 }] },
    ready: async (page) => {
      await expect(page.locator(".saved-item").getByRole("link", { name: ARTICLE.title })).toBeVisible();
    },
  },
  {
    name: "my data",
    path: "/my-data",
    ready: async (page) => {
      await expect(page.getByText("Bookmarks: 0 articles")).toBeVisible();
    },
  },
  { name: "offline reading", path: "/offline", ready: h1("Offline reading") },
  { name: "not found", path: "/no-such-page", ready: h1("We couldn't find that page"), notFound: true },
];

/** One readable paragraph per violation: rule, impact, and each failing element. */
function summarise(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
        .join("\n");
      return `${v.id} [${v.impact}]: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n\n");
}

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.length, `axe found ${violations.length} violation(s):\n\n${summarise(violations)}\n`).toBe(0);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ allowedConsole: [/status of 404/] });
    // axe takes seconds on a long page, more on a busy machine.
    test.slow();
    for (const c of cases) {
      test(`${c.name} (${c.path}) has no accessibility violations`, async ({ page, gotoReady }) => {
        if (c.seed) {
          await page.addInitScript(
            ([keys, seed]) => {
              if (seed.bookmarks) localStorage.setItem(keys[0], JSON.stringify(seed.bookmarks));
              if (seed.progress) localStorage.setItem(keys[1], JSON.stringify(seed.progress));
            },
            [[BOOKMARKS, PROGRESS], c.seed] as const,
          );
        }
        await page.emulateMedia({ colorScheme });
        if (c.notFound) {
          expect((await page.goto(c.path))?.status()).toBe(404);
          await waitForHydration(page);
        } else {
          await gotoReady(c.path);
        }
        expect(await page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, colorScheme)).toBe(true);
        await c.ready(page);
        await expectNoViolations(page);
      });
    }

    test("my data with the clear confirmation and an import error shown has no accessibility violations", async ({ page, gotoReady }) => {
      await page.emulateMedia({ colorScheme });
      await gotoReady("/my-data");
      await page.getByLabel("Import from a file").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("not json") });
      await expect(page.locator(".message.error")).toContainText("Nothing was changed.");
      await page.getByRole("button", { name: "Clear everything" }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
