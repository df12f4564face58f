// Drive VS Code (code-server, in headless Chromium through playwright-core) with the newslint
// extension installed, and check what a user sees: the Problems panel lists newslint's
// findings at the right line and column, and a hover on a name shows the entity's card.
// Run by tests/e2e/vscode/run.sh, which starts code-server. Env:
//   CS_URL       code-server address              CS_FOLDER  the corpus folder (opened as workspace)
//   CS_FILE      article to open (03-visit.txt)   PW_MODULE  path to playwright-core
//   SHOT_DIR     where the screenshots go         CHROMIUM   default /usr/bin/chromium
//   TIMEOUT_MS   per step (default 60000)    CS_MODE=missing-server: only check the install hint
//   CS_LABEL     a session name put before each check's name and screenshot (optional)
// Prints one JSON object { checks: [{name, ok, detail}], ... }; exits 0 when all passed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { openArticle, runChecks } from "./workbench.mjs";

const url = process.env.CS_URL;
const folder = process.env.CS_FOLDER;
const file = process.env.CS_FILE || "03-visit.txt";
const shots = process.env.SHOT_DIR || ".";
const T = Number(process.env.TIMEOUT_MS || 60000);
const out = { checks: [], t_ms: {} };
const t0 = Date.now();
const mark = (k) => (out.t_ms[k] = Date.now() - t0);
const label = process.env.CS_LABEL ? `${process.env.CS_LABEL}: ` : "";
const shotPrefix = process.env.CS_LABEL ? `vscode-${process.env.CS_LABEL}-` : "vscode-";
const check = (name, ok, detail) => { out.checks.push({ name: label + name, ok: !!ok, detail }); return ok; };

// Where things are in the article, in VS Code's terms (1-based lines, columns in UTF-16
// units + 1): JavaScript strings are UTF-16, so indexOf gives the column VS Code shows.
const lines = readFileSync(path.join(folder, file), "utf8").split("\n");
const where = (lineNeedle, word) => {
  const i = lines.findIndex((l) => l.includes(lineNeedle));
  return { line: i + 1, col: lines[i].indexOf(word) + 1 };
};
const variantOnEmojiLine = where("🚢", "Dmitriyev");
const nameForHover = where("walked the length", "Kirill");
const expectedCodes = ["name-variant", "missing-source", "unattributed-quote"];

await runChecks(out, check, async (browser) => {
  const page = await openArticle(browser, { url, folder, file, timeout: T, mark });

  await (process.env.CS_MODE === "missing-server" ? missingServer(page) : runningServer(page));
});

// newslint.server.path points nowhere: the extension must say how to install newslint.
async function missingServer(page) {
  const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "cargo install --path ." }).first();
  const said = await toast.waitFor({ state: "visible", timeout: T / 2 }).then(() => true, () => false);
  mark("missing_server");
  out.message = await toast.innerText().catch(() => null);
  check("missing_server_says_how_to_install", said, out.message);
  await page.screenshot({ path: `${shots}/${shotPrefix}missing-server.png` });
}

// The server runs: its findings in the Problems panel, its card on hover.
async function runningServer(page) {
  // Problems panel (Ctrl+Shift+M): wait until every expected rule shows up. The
  // cross-article name-variant needs the whole corpus indexed, so it may come last.
  await page.keyboard.press("Control+Shift+M");
  const rows = page.locator(".markers-panel .monaco-list-row");
  const rowTexts = async () => (await rows.allInnerTexts().catch(() => [])).map((s) => s.replace(/\s+/g, " "));
  let problems = [];
  const deadline = Date.now() + T;
  while (Date.now() < deadline) {
    problems = await rowTexts();
    if (expectedCodes.every((c) => problems.some((p) => p.includes(c)))) break;
    await page.waitForTimeout(250);
  }
  mark("problems");
  out.problems = problems;
  for (const code of expectedCodes) {
    check(`problems_panel_lists_${code}`, problems.some((p) => p.includes(code)), code);
  }
  // The column VS Code shows for the variant after curly quotes and an emoji.
  const at = `Ln ${variantOnEmojiLine.line}, Col ${variantOnEmojiLine.col}`;
  check("problems_panel_column_after_emoji", problems.some((p) => p.includes("name-variant") && p.includes(at)), at);
  // The editor draws its decorations on its own schedule, a moment after the
  // Problems panel lists the findings: wait for them as for the rows.
  const squiggles = page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info");
  const drawn = Date.now() + 10000;
  do {
    out.squiggles = await squiggles.count();
    if (out.squiggles > 0) break;
    await page.waitForTimeout(250);
  } while (Date.now() < drawn);
  check("squiggles_in_editor", out.squiggles > 0, out.squiggles);
  // The extension's status bar item says the server runs.
  const item = page.locator(".statusbar-item", { hasText: "newslint" }).first();
  const running = await item.locator(".codicon-check").count().catch(() => 0);
  check("status_bar_shows_server_running", running > 0, await item.innerHTML().catch(() => "no newslint item"));
  await page.screenshot({ path: `${shots}/${shotPrefix}problems.png` });

  // Hover: cursor on the name (Ctrl+G line:col), then "Show Hover" (Ctrl+K Ctrl+I).
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(`${nameForHover.line}:${nameForHover.col + 2}`);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  const card = page.locator(".monaco-hover", { hasText: "Dmitriyev" }).filter({ hasText: "Dmitriev" }).first();
  let shown = false;
  for (let i = 0; i < 3 && !shown; i++) { // the first hover can come before the index is ready
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    shown = await card.waitFor({ state: "visible", timeout: T / 3 }).then(() => true, () => false);
  }
  mark("hover");
  out.hover = await page.locator(".monaco-hover").first().innerText().catch(() => null);
  check("hover_card_names_both_spellings", shown, "Dmitriev, Dmitriyev");
  await page.screenshot({ path: `${shots}/${shotPrefix}hover.png` });
}
