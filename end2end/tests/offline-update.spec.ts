import { test, expect, waitForHydration, waitForWorker } from "./fixtures";
import type { Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

/**
 * A new deploy takes over cleanly: this test runs its own server (on its own origin, so its
 * worker is its own), then replaces it with "a new build": a copy of the release site whose
 * hashed files all have new names, as a rebuild gives them. The old build's caches must go,
 * the new files must be used, and a saved article must stay saved, and readable offline
 * with the new files.
 */

const ROOT = path.resolve(__dirname, "../..");
const ARTICLE = { path: "/articles/healthy-coping-with-change", title: "Healthy Coping with Change" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Where cargo put the release binary and its hash file: CARGO_TARGET_DIR, when set. */
const RELEASE = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target", "release");

async function start(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(path.join(RELEASE, "server"), [], {
    cwd: ROOT,
    env: { ...process.env, LEPTOS_SITE_ADDR: `127.0.0.1:${port}`, RUST_LOG: "warn", ...env },
    stdio: "inherit",
  });
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((r) => setTimeout(r, 50));
  }
  server.kill();
  throw new Error("the server did not start");
}

async function stop(server: ChildProcess) {
  const exited = new Promise((r) => server.once("exit", r));
  server.kill();
  await exited;
}

/**
 * Copies the release site as if rebuilt: each hashed file under a new hash, and every name
 * of one inside the files changed with it (the split loader imports the main JS, and the
 * main WASM names the split loader). A new hash is the old one reversed: as long, so a name
 * inside the WASM can change in place; precompressed copies are made again.
 */
function rebuild(dir: string): { site: string; hashFile: string; wasm: [string, string] } {
  const site = path.join(dir, "site");
  fs.cpSync(path.join(ROOT, "target/site"), site, { recursive: true });
  const hashes = fs
    .readFileSync(path.join(RELEASE, "hash.txt"), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(": ") as [string, string]);
  const next = (hash: string) => [...hash].reverse().join("");
  const pkg = path.join(site, "pkg");
  for (const file of fs.readdirSync(pkg).filter((f) => !/\.(br|gz)$/.test(f))) {
    const bytes = fs.readFileSync(path.join(pkg, file));
    for (const [, hash] of hashes) {
      for (let i = bytes.indexOf(hash); i !== -1; i = bytes.indexOf(hash, i + hash.length)) {
        bytes.write(next(hash), i, "latin1");
      }
    }
    const name = hashes.reduce((n, [, hash]) => n.replace(`.${hash}.`, `.${next(hash)}.`), file);
    for (const ext of ["", ".br", ".gz"]) fs.rmSync(path.join(pkg, file + ext), { force: true });
    fs.writeFileSync(path.join(pkg, name), bytes);
    fs.writeFileSync(path.join(pkg, name + ".br"), zlib.brotliCompressSync(bytes));
    fs.writeFileSync(path.join(pkg, name + ".gz"), zlib.gzipSync(bytes));
  }
  const hashFile = path.join(dir, "hash.txt");
  fs.writeFileSync(hashFile, hashes.map(([kind, hash]) => `${kind}: ${next(hash)}\n`).join(""));
  const wasm = hashes.find(([kind]) => kind === "wasm")![1];
  return { site, hashFile, wasm: [`/pkg/wellspring.${wasm}.wasm`, `/pkg/wellspring.${next(wasm)}.wasm`] };
}

const shellCaches = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("wellspring-shell-")));
const isKept = (page: Page, url: string) =>
  page.evaluate(async (u) => (await caches.match(u)) !== undefined, url);

test("a new build replaces the old caches and files, and keeps saved articles", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wellspring-rebuild-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${ARTICLE.path}`;
  let server = await start(port, { LEPTOS_SITE_ROOT: "target/site" });
  try {
    await page.goto(url);
    await waitForHydration(page);
    await waitForWorker(page);
    await page.getByRole("button", { name: "Save for offline" }).click();
    await expect(page.getByText("Available offline")).toBeVisible();
    const [old] = await shellCaches(page);
    expect(old).toBeTruthy();

    await stop(server);
    const next = rebuild(dir);
    const [oldWasm, newWasm] = next.wasm;
    expect(await isKept(page, oldWasm)).toBe(true);
    server = await start(port, { LEPTOS_SITE_ROOT: next.site, LEPTOS_HASH_FILE_NAME: next.hashFile });

    await page.reload();
    await waitForHydration(page);
    await expect(page.locator('meta[name="wellspring-assets"]')).toHaveAttribute("content", new RegExp(`(^| )${newWasm}( |$)`));
    // The new worker takes over and clears the old build away.
    await expect.poll(() => shellCaches(page), { timeout: 20_000 }).toEqual([
      expect.not.stringMatching(`^${old}$`),
    ]);
    expect(await isKept(page, oldWasm)).toBe(false);
    expect(await isKept(page, newWasm)).toBe(true);
    // The saved article is still saved, fetched again for the new build.
    const savedHtml = await page.evaluate(
      async (p) => (await (await caches.open("wellspring-saved")).match(p))?.text(),
      ARTICLE.path,
    );
    expect(savedHtml).toContain(newWasm);

    await context.setOffline(true);
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: ARTICLE.title })).toBeVisible();
    await expect(page.getByText("Available offline")).toBeVisible();
  } finally {
    await context.setOffline(false);
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
