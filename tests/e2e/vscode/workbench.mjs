// What check.mjs, reading.mjs and review.mjs share: Chromium started as code-server needs it, and the
// workbench opened on a folder with one article in the editor.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PW_MODULE || "playwright-core");

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

// Open code-server at `url` on `folder` and the article `file` in it (Quick Open, Ctrl+P);
// `mark(step)` records the time of each step.
export async function openArticle(browser, { url, folder, file, timeout, mark = () => {} }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(timeout);
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector(".monaco-workbench");
  // The explorer lists the folder once the remote extension host is connected.
  await page.waitForSelector(".explorer-folders-view .monaco-list-row");
  mark("workbench");
  await page.locator(".monaco-workbench").click({ position: { x: 700, y: 450 } }).catch(() => {});
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(file);
  await page.waitForSelector(".quick-input-list .monaco-list-row", { state: "visible" });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { state: "visible" });
  mark("file_open");
  return page;
}

// Run `body(browser)`, then print `out` as one JSON line and exit 0 when every check passed
// (an exception is a failed check named no_exception).
export async function runChecks(out, check, body) {
  const browser = await launch();
  let ok = false;
  try {
    await body(browser);
    ok = out.checks.length > 0 && out.checks.every((c) => c.ok);
  } catch (e) {
    out.error = String(e);
    check("no_exception", false, String(e));
  } finally {
    out.ok = ok;
    console.log(JSON.stringify(out));
    await browser.close();
    process.exit(ok ? 0 : 1);
  }
}
