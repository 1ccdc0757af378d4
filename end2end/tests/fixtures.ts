import { test as base, expect, Page } from "@playwright/test";

/**
 * Every test gets a page whose console is watched: any error, warning about hydration, or
 * uncaught exception fails the test at its end. `gotoReady` is the one way tests open a
 * page: it waits until the app has hydrated (the app sets data-hydrated on <body> from an
 * effect, which only runs in the browser), because a click before that is silently lost.
 *
 * Every test also fails on any Content-Security-Policy violation, in any page of its
 * context: an init script records each `securitypolicyviolation` event into
 * `window.__cspViolations` (and reports it at once, since a navigation starts a new window),
 * and the console is watched for the browser's "Content Security Policy" messages.
 * `allowedConsole` (which also excuses uncaught errors it matches) never excuses those.
 */
type Fixtures = {
  /** Console messages a test expects (such as the 404 of a page it opens on purpose). */
  allowedConsole: RegExp[];
  consoleProblems: string[];
  cspViolations: string[];
  gotoReady: (path: string) => Promise<void>;
};

/** Runs in every document of the context before its own scripts. */
function recordCspViolations() {
  const w = window as any;
  w.__cspViolations = [];
  // Listening on window catches violations fired at any element, since the event bubbles.
  window.addEventListener(
    "securitypolicyviolation",
    (e: SecurityPolicyViolationEvent) => {
      const text =
        `${e.disposition} ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"}` +
        ` in ${e.sourceFile || e.documentURI}:${e.lineNumber}` +
        (e.sample ? ` sample ${JSON.stringify(e.sample)}` : "");
      w.__cspViolations.push(text);
      w.__reportCspViolation?.(text);
    },
    true,
  );
}

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
      page.on("pageerror", (err) => {
        if (!allowedConsole.some((re) => re.test(err.message))) problems.push(`pageerror: ${err.message}`);
      });
      await use(problems);
      expect(problems, "console errors or hydration warnings").toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ context, page }, use) => {
      const violations: string[] = [];
      const add = (text: string) => violations.includes(text) || violations.push(text);
      await context.exposeBinding("__reportCspViolation", ({ page: from }, text: string) => {
        add(`${from?.url() ?? "?"}: ${text}`);
      });
      await context.addInitScript(recordCspViolations);
      // Which policy each document came with, and from where: a violation names a directive,
      // and this says which response brought it (the network or the service worker).
      const documents: string[] = [];
      context.on("response", async (response) => {
        if (response.request().resourceType() !== "document") return;
        const csp = (await response.headerValue("content-security-policy").catch(() => null)) ?? "none sent";
        const type = (await response.headerValue("content-type").catch(() => null)) ?? "no type";
        const from = response.fromServiceWorker() ? "service worker" : "network";
        documents.push(`${response.status()} ${response.url()} (${type}) from the ${from}: ${csp.slice(0, 60)}`);
      });
      context.on("console", (msg) => {
        if (/Content[- ]Security[- ]Policy/i.test(msg.text())) {
          add(`console ${msg.type()} on ${msg.page()?.url() ?? "?"}: ${msg.text()}`);
        }
      });
      await use(violations);
      // Whatever the binding may have missed in the pages still open.
      for (const p of context.pages()) {
        if (p.isClosed()) continue;
        const recorded: string[] = await p
          .evaluate(() => (window as any).__cspViolations ?? [])
          .catch(() => []);
        for (const text of recorded) add(`${p.url()}: ${text}`);
      }
      // `page` is listed so that it is still open here; it is used through the context.
      void page;
      // The documents go last in the list, where a log cut short at its start still shows them.
      const found = violations.length ? [...violations, ...documents.map((d) => `document ${d}`)] : [];
      expect(found, "Content Security Policy violations, then the documents").toEqual([]);
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

/** Reader state's local storage keys (app/src/reader/schema.rs). */
export const BOOKMARKS = "wellspring.v2.bookmarks";
export const PROGRESS = "wellspring.v2.progress";

/** The value stored under `key` in the page's local storage, or null. */
export const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

/** The bookmark button of the article titled `title`. */
export const bookmarkOf = (page: Page, title: string) =>
  page.getByRole("button", { name: `Bookmark: ${title}` });

export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Waits until the service worker has kept the app shell and controls this page. */
export async function waitForWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 20_000,
  });
}

export { expect };
