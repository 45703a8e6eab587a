// One headless Chromium page over a local server, for the A/B tools that time builds in a page
// (ab-browser.mjs, ab-browser-many.mjs): `html` at "/" (and "/index.html"); any other path goes
// through `locate(path)`, which returns [directory, path inside it] for a build's files or null
// for the repository's own (bench/cases.mjs, node_modules). Files outside their directory are 404.
// `use(page, browser)` runs once the page has set `window.ready`; the browser and server are
// closed after it, whatever it does.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

export async function withPage(html, locate, use) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "content-type": "text/html" }).end(html);
      return;
    }
    const [base, rest] = locate(path) ?? [root, path.slice(1)];
    const file = normalize(join(base, rest));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.ready === true || false, null, { timeout: 30000 }).catch(() => {
      throw new Error(`the page did not load: ${errors.join("; ")}`);
    });
    return await use(page, browser);
  } finally {
    await browser.close();
    server.close();
  }
}
