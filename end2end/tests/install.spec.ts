import { test, expect } from "./fixtures";

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

test("the app can be installed: a manifest with a name, colours and icons that load", async ({ page, gotoReady }) => {
  await gotoReady("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/application\/manifest\+json/);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    name: expect.stringContaining("Wellspring"),
    short_name: "Wellspring",
    start_url: "/",
    display: "standalone",
    theme_color: "#1f5f5b",
  });
  expect(manifest.description.length).toBeGreaterThan(20);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  for (const wanted of ["192x192", "512x512"]) {
    expect(icons.some((i) => i.sizes === wanted && (i.purpose ?? "any") === "any")).toBe(true);
  }
  expect(icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of icons.filter((i) => i.type === "image/png")) {
    const png = await page.request.get(icon.src);
    expect(png.status(), icon.src).toBe(200);
    expect(pngSize(await png.body()).join("x"), icon.src).toBe(icon.sizes);
  }
  const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  expect(pngSize(await (await page.request.get(touch!)).body())).toEqual([180, 180]);
});
