import { test as base, expect, Page } from "@playwright/test";

/**
 * Every test gets a page whose console is watched: any error, warning about hydration, or
 * uncaught exception fails the test at its end. `gotoReady` is the one way tests open a
 * page: it waits until the app has hydrated (the app sets data-hydrated on <body> from an
 * effect, which only runs in the browser), because a click before that is silently lost.
 */
type Fixtures = {
  /** Console messages a test expects (such as the 404 of a page it opens on purpose). */
  allowedConsole: RegExp[];
  consoleProblems: string[];
  gotoReady: (path: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  allowedConsole: [[], { option: true }],
  consoleProblems: [
    async ({ page, allowedConsole }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        const text = msg.text();
        if (allowedConsole.some((re) => re.test(text))) return;
        if (msg.type() === "error" || /hydrat/i.test(text)) {
          problems.push(`${msg.type()}: ${text}`);
        }
      });
      page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
      await use(problems);
      expect(problems, "console errors or hydration warnings").toEqual([]);
    },
    { auto: true },
  ],
  gotoReady: async ({ page }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      await waitForHydration(page);
    });
  },
});

export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

export { expect };
