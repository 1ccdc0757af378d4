// Serves a folder the way plain static hosts do (GitHub Pages, S3 website hosting): files as
// they are, a folder's index.html, and for any other path /404.html with status 404. What the
// static build's tests run against, so they see what a reader on such a host sees.
//
//   node static-server.mjs DIR PORT
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "../dist");
const port = Number(process.argv[3] ?? 3200);

// application/wasm matters: without it the browser cannot compile while downloading.
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

async function file(path) {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return file(join(path, "index.html"));
  } catch {}
  return null;
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  // normalize() of an absolute path cannot climb above "/", so this stays inside root.
  let path = await file(join(root, normalize(decodeURIComponent(url.pathname))));
  let status = 200;
  if (!path) {
    path = join(root, "404.html");
    status = 404;
  }
  res.writeHead(status, { "Content-Type": types[extname(path)] ?? "application/octet-stream" });
  if (req.method === "HEAD") return res.end();
  createReadStream(path).on("error", () => res.end()).pipe(res);
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
