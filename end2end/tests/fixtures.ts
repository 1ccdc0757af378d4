import { test as base, expect, Page } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";

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
  /** The library as the running server publishes it: what tests expect, never a typed count. */
  library: Library;
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
  library: async ({ request }, use) => {
    await use(await Library.load(request));
  },
});

/** An article as the server lists it (app::model::ArticleCard, in `GET /api/cards`). */
export type Card = { slug: string; title: string; summary: string; topics: { slug: string; name: string }[] };

/** What the library page should show: how many articles match, and the titles of its first
 *  page of cards, in order. */
export type Matches = { total: number; titles: string[] };

/**
 * The library as the running server publishes it, asked for by each test that needs it, so
 * that no test types how many articles there are or how many a topic has: an author who adds
 * an article, as the README says, breaks none of them.
 */
export class Library {
  private constructor(
    private readonly request: APIRequestContext,
    /** Every published article, newest first (the library's order without a search). */
    readonly cards: Card[],
    /** How many cards the library page shows before "Show more articles". */
    readonly firstPage: number,
  ) {}

  static async load(request: APIRequestContext): Promise<Library> {
    const { articles } = await getJson(request, "/api/cards");
    expect(articles.length, "articles the server publishes").toBeGreaterThan(0);
    // Without filters, the server's first page is all of the library, or as much as a page holds.
    const first = await getJson(request, "/api/library");
    return new Library(request, articles, first.cards.length);
  }

  /** Every article. */
  all(): Matches {
    return this.first(this.cards);
  }

  /** The articles that carry any of `topics` (a card matches a topic filter if it has ANY
   *  chosen topic), newest first; there is at least one. */
  withTopics(...topics: string[]): Matches {
    const cards = this.cards.filter((c) => c.topics.some((t) => topics.includes(t.slug)));
    expect(cards.length, `articles on ${topics.join(" or ")}`).toBeGreaterThan(0);
    return this.first(cards);
  }

  /** The titles of the articles that carry `topic` and whose title matches `re`. */
  titlesWith(topic: string | null, re: RegExp): string[] {
    return this.cards
      .filter((c) => topic === null || c.topics.some((t) => t.slug === topic))
      .map((c) => c.title)
      .filter((title) => re.test(fold(title)));
  }

  /** What the server finds for the search `q` within `topics`, best first: the browser's own
   *  filtering must show the same. */
  async search(q: string, topics: string[] = []): Promise<Matches> {
    const answer = await getJson(this.request, "/api/library", { q, topics: topics.join(",") });
    return { total: answer.total, titles: answer.cards.map((c: Card) => c.title) };
  }

  /** The body (HTML) of the article titled `title`, as the server renders it. */
  async bodyOf(title: string): Promise<string> {
    const card = this.cards.find((c) => c.title === title);
    expect(card, `an article titled ${title}`).toBeDefined();
    const article = await getJson(this.request, "/api/article", { slug: card!.slug });
    return article.body_html;
  }

  private first(cards: Card[]): Matches {
    return { total: cards.length, titles: cards.slice(0, this.firstPage).map((c) => c.title) };
  }
}

async function getJson(request: APIRequestContext, path: string, params?: Record<string, string>) {
  const response = await request.get(path, { params });
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** `text` without accents, as search compares words. */
export const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "");

/** How the library page words a count of articles. */
export const articleCount = (n: number) => `${n} article${n === 1 ? "" : "s"}`;

/** The library page's cards, and their titles. */
export const cardsOf = (page: Page) => page.locator("main article.card");
export const titlesOf = (page: Page) => cardsOf(page).locator(".card-title");

/** The number of articles the library page says match. */
export async function resultCount(page: Page): Promise<number> {
  const status = page.locator(".result-count");
  await expect(status).toHaveText(/^\d+ articles?$/);
  return Number.parseInt((await status.textContent()) ?? "", 10);
}

/** That the library page counts `matches.total` articles and shows its first page of them. */
export async function expectShows(page: Page, matches: Matches) {
  await expect(page.locator(".result-count")).toHaveText(articleCount(matches.total));
  await expect(titlesOf(page)).toHaveText(matches.titles);
}

/** Clicks "Show more articles" until the library page shows all `total` cards it counts. */
export async function showAll(page: Page, total: number) {
  const cards = cardsOf(page);
  const more = page.getByRole("button", { name: "Show more articles" });
  await expect(cards.first()).toBeVisible();
  let shown = await cards.count();
  while (shown < total) {
    await more.click();
    await expect(cards).not.toHaveCount(shown);
    shown = await cards.count();
  }
  await expect(cards).toHaveCount(total);
  await expect(more).toBeHidden();
}

/** Reader state's local storage keys: the one TypeScript copy of app/src/reader/schema's
 * keys, held to them by a Rust test (app/src/js_agrees.rs). */
export const BOOKMARKS = "wellspring.v2.bookmarks";
export const PROGRESS = "wellspring.v2.progress";
export const REGION = "wellspring.v2.region";
export const DISPLAY = "wellspring.v2.display";
export const HISTORY = "wellspring.v2.history";

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
