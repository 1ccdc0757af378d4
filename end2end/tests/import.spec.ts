import type { Page } from "@playwright/test";
import { test, expect, BOOKMARKS, PROGRESS } from "./fixtures";

// Issue #9: an import file is hostile input. Whatever it holds, a file that is not a valid
// export of ours is refused with a message the reader can see, and nothing changes: the
// bookmarks and reading progress kept before are exactly as they were, and nothing in the
// file runs or reaches the page. (The format is `schema::export` in app/src/reader/schema/transfer.rs:
// {"app":"wellspring","version":2,"exported_at":…,"bookmarks":[{slug,saved_at}],
// "progress":[{slug,fraction,updated_at}]}; the limit is `MAX_IMPORT_BYTES`, 1 MiB.)

const MAX_IMPORT_BYTES = 1024 * 1024;
const XSS = "<img src=x onerror=alert(1)>";
const T = 1_700_000_000_000;

const seeded = {
  bookmarks: [
    { slug: "healthy-coping-with-change", saved_at: T + 2 },
    { slug: "wintertime-depression", saved_at: T + 1 },
  ],
  progress: [{ slug: "are-you-sober-curious", fraction: 0.5, updated_at: T }],
};

const exportFile = (fields: Record<string, unknown>) =>
  JSON.stringify({ app: "wellspring", version: 2, exported_at: T, bookmarks: [], progress: [], ...fields });

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

type Hostile = {
  name: string;
  file: { name: string; mimeType: string; buffer: Buffer };
  message: RegExp;
};

const json = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

const hostile: Hostile[] = [
  {
    name: "JSON that is not ours",
    file: json("data.json", JSON.stringify({ hello: "world", bookmarks: [{ slug: "wintertime-depression", saved_at: 1 }] })),
    message: /This file is not a Wellspring export\./,
  },
  {
    name: "a JSON array",
    file: json("data.json", JSON.stringify([{ slug: "wintertime-depression", saved_at: 1 }])),
    message: /This file is not a Wellspring export\./,
  },
  {
    name: "a PNG image",
    file: { name: "photo.png", mimeType: "image/png", buffer: PNG },
    message: /not a Wellspring export: it is not readable JSON/,
  },
  {
    name: "a PNG image named .json",
    file: { name: "wellspring-data.json", mimeType: "application/json", buffer: PNG },
    message: /not a Wellspring export: it is not readable JSON/,
  },
  {
    name: "plain text",
    file: { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Dear diary,\ntoday I read about sleep.\n") },
    message: /not a Wellspring export: it is not readable JSON/,
  },
  {
    name: "an empty file",
    file: json("empty.json", ""),
    message: /not a Wellspring export: it is not readable JSON/,
  },
  {
    name: "a file over the size limit",
    // A valid export, padded with whitespace to one byte over the limit.
    file: json("big.json", exportFile({ bookmarks: [{ slug: "wintertime-depression", saved_at: T }] }).padEnd(MAX_IMPORT_BYTES + 1, " ")),
    message: /too large to be a Wellspring export \(over 1 MB\)/,
  },
  {
    name: "a file from a future version",
    file: json("future.json", exportFile({ version: 3, bookmarks: [{ slug: "wintertime-depression", saved_at: T }] })),
    message: /comes from a newer version of Wellspring \(version 3\)/,
  },
  {
    name: "a file from an older, unknown version",
    file: json("old.json", exportFile({ version: 1, bookmarks: [{ slug: "wintertime-depression", saved_at: T }] })),
    message: /This file is not a Wellspring export\./,
  },
  {
    name: "markup in a bookmark's slug",
    file: json("xss.json", exportFile({ bookmarks: [{ slug: "wintertime-depression", saved_at: T }, { slug: XSS, saved_at: T }] })),
    message: /This file is damaged: 1 entries are not valid/,
  },
  {
    name: "markup in a reading position's slug",
    file: json("xss.json", exportFile({ progress: [{ slug: `"><svg onload=alert(1)>`, fraction: 0.5, updated_at: T }] })),
    message: /This file is damaged: 1 entries are not valid/,
  },
  {
    name: "markup in a bookmark's title",
    // The format has no titles: an entry carrying one is not ours.
    file: json("xss.json", exportFile({ bookmarks: [{ slug: "wintertime-depression", title: XSS, saved_at: T }] })),
    message: /This file is damaged: 1 entries are not valid/,
  },
  {
    name: "markup in the app name",
    file: json("xss.json", exportFile({ app: XSS })),
    message: /This file is not a Wellspring export\./,
  },
];

const stored = (page: Page) =>
  page.evaluate(([b, p]) => ({ bookmarks: localStorage.getItem(b), progress: localStorage.getItem(p) }), [BOOKMARKS, PROGRESS]);

test.describe("importing a hostile file on /my-data", () => {
  let dialogs: string[];

  test.beforeEach(async ({ page, gotoReady }) => {
    dialogs = [];
    page.on("dialog", async (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss();
    });
    await page.addInitScript(
      ([keys, data]) => {
        if (!sessionStorage.getItem("seeded")) {
          sessionStorage.setItem("seeded", "1");
          localStorage.setItem(keys[0], JSON.stringify(data.bookmarks));
          localStorage.setItem(keys[1], JSON.stringify(data.progress));
        }
      },
      [[BOOKMARKS, PROGRESS], seeded] as const,
    );
    await gotoReady("/my-data");
    await expect(page.getByText("Bookmarks: 2 articles")).toBeVisible();
  });

  for (const h of hostile) {
    test(`${h.name} is refused and changes nothing`, async ({ page }) => {
      const before = await stored(page);
      expect(JSON.parse(before.bookmarks!)).toEqual(seeded.bookmarks);
      expect(JSON.parse(before.progress!)).toEqual(seeded.progress);

      await page.getByLabel("Import from a file").setInputFiles(h.file);
      const message = page.getByRole("status").locator(".message.error");
      await expect(message).toBeVisible();
      await expect(message).toHaveText(h.message);
      await expect(message).toContainText("Nothing was changed.");

      expect(await stored(page)).toEqual(before);
      await expect(page.getByText("Bookmarks: 2 articles")).toBeVisible();
      await expect(page.getByText("how far you got in 1 article")).toBeVisible();
      // Still the same after a reload, so nothing was written behind the page's back.
      await page.reload();
      await expect(page.getByText("Bookmarks: 2 articles")).toBeVisible();
      expect(await stored(page)).toEqual(before);

      expect(await page.locator("[onerror], [onload]").count(), "elements with event-handler attributes").toBe(0);
      expect(await page.locator("main img, main svg:not([aria-hidden])").count()).toBe(0);
      expect(dialogs, "dialogs").toEqual([]);
    });
  }

  test("markup in a field we do not know never reaches storage or the page", async ({ page }) => {
    await page.getByLabel("Import from a file").setInputFiles(
      json("xss.json", exportFile({ title: XSS, bookmarks: [{ slug: "wintertime-depression", title: XSS, note: XSS, saved_at: T }] })),
    );
    await expect(page.getByRole("status").locator(".message")).toBeVisible();
    const after = await stored(page);
    expect(`${after.bookmarks}${after.progress}`).not.toMatch(/[<>]|onerror/);
    await page.goto("/saved");
    await expect(page.locator(".saved-item").first()).toBeVisible();
    expect(await page.locator("[onerror], [onload]").count()).toBe(0);
    expect(await page.content()).not.toContain(XSS);
    expect(dialogs).toEqual([]);
  });

  test("a valid file of exactly the size limit is still imported", async ({ page }) => {
    const bookmarks = [{ slug: "wintertime-depression", saved_at: T + 5 }];
    const text = exportFile({ bookmarks }).padEnd(MAX_IMPORT_BYTES, " ");
    expect(Buffer.byteLength(text)).toBe(MAX_IMPORT_BYTES);
    await page.getByLabel("Import from a file").setInputFiles(json("limit.json", text));
    await expect(page.getByRole("status").getByText("Imported 1 bookmarks and 0 reading positions.")).toBeVisible();
    expect(JSON.parse((await stored(page)).bookmarks!)).toEqual(bookmarks);
    expect(dialogs).toEqual([]);
  });
});
