// The desk's workflow in VS Code (code-server, headless Chromium through playwright-core):
// Ctrl+. on the unattributed quotation, "Accept … in newslint-review.toml (record a reason)",
// the reason written in the review file and saved; the warning leaves the Problems panel and
// `newslint check` agrees; editing the quotation brings the warning back and the stale entry
// is reported as unused. Run by tests/e2e/vscode/run.sh on a copy of the corpus it may change.
// Env: CS_URL, CS_FOLDER, CS_FILE (03-visit.txt), PW_MODULE, SHOT_DIR, CHROMIUM, TIMEOUT_MS,
//      NEWSLINT (the server binary, for `newslint check`).
// Prints one JSON object { checks: [{name, ok, detail}] }; exits 0 when all passed.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import { runChecks } from "./workbench.mjs";

const url = process.env.CS_URL;
const folder = process.env.CS_FOLDER;
const file = process.env.CS_FILE || "03-visit.txt";
const shots = process.env.SHOT_DIR || ".";
const T = Number(process.env.TIMEOUT_MS || 60000);
const REASON = "the council notice, read out in full";
const out = { checks: [] };
const check = (name, ok, detail) => { out.checks.push({ name: "review: " + name, ok: !!ok, detail }); return ok; };

const lines = readFileSync(path.join(folder, file), "utf8").split("\n");
const quoteLine = lines.findIndex((l) => l.includes("Nobody in this town")) + 1;
const newslint = (args) => {
  try {
    return execFileSync(process.env.NEWSLINT || "newslint", args, { encoding: "utf8" });
  } catch (e) {
    return String(e.stdout || "");
  }
};

await runChecks(out, check, async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(T);
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector(".monaco-workbench");
  await page.waitForSelector(".explorer-folders-view .monaco-list-row");
  await page.locator(".monaco-workbench").click({ position: { x: 700, y: 450 } }).catch(() => {});
  await flow(page);
});

async function flow(page) {
  await quickOpen(page, file);

  await page.keyboard.press("Control+Shift+M");
  const listed = (code) => problemsList(page, (rows) => rows.some((r) => r.includes(code)));
  if (!check("problems_panel_lists_unattributed-quote", await listed("unattributed-quote"), await rowTexts(page))) return;

  // Ctrl+. on the quotation; the accept action from the menu.
  const item = page.locator(".action-widget .monaco-list-row", { hasText: "Accept this unattributed quotation in newslint-review.toml" }).first();
  let offered = false;
  // The lightbulb menu needs the editor focused and its diagnostics in place: try again if
  // the first press comes too early.
  for (let i = 0; i < 4 && !offered; i++) {
    await goTo(page, quoteLine, 5);
    await page.keyboard.press("Control+.");
    offered = await item.waitFor({ state: "visible", timeout: T / 6 }).then(() => true, () => false);
    if (!offered) await page.keyboard.press("Escape");
  }
  out.menu = await page.locator(".action-widget .monaco-list-row").allInnerTexts().catch(() => []);
  await page.screenshot({ path: `${shots}/vscode-review-actions.png` });
  if (!check("ctrl_dot_offers_accept_in_review_file", offered, out.menu)) return;
  check("ctrl_dot_shows_the_quotations_actions_only", out.menu.every((t) => !t.includes("Dmitri")), out.menu);
  await item.click();

  // The entry is in newslint-review.toml, with a placeholder reason: write it and save.
  if (!check("review_file_opens", await quickOpen(page, "newslint-review.toml"), "newslint-review.toml")) return;
  await page.waitForSelector(".monaco-editor .view-lines", { state: "visible" });
  const editorText = async () => (await page.locator(".monaco-editor .view-lines").first().innerText()).replace(/\u00a0/g, " ");
  let entry = "";
  for (let i = 0; i < 40 && !entry.includes("TODO: why"); i++) { entry = await editorText(); await page.waitForTimeout(250); }
  check("review_entry_has_the_placeholder_reason", entry.includes('reason = "TODO: why"') && entry.includes('rule = "unattributed-quote"'), entry);
  await page.keyboard.press("Control+F");
  await page.keyboard.type("TODO: why");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.type(REASON);
  await page.keyboard.press("Control+S");
  const reviewText = () => readFileSync(path.join(folder, "newslint-review.toml"), "utf8");
  for (let i = 0; i < 40 && !reviewText().includes(REASON); i++) await page.waitForTimeout(250);
  const saved = reviewText();
  check("saved_entry_holds_the_reason", saved.includes(`reason = "${REASON}"`), saved);

  if (!check("article_opens_again", await quickOpen(page, file), file)) return;
  await page.keyboard.press("Control+Shift+M");
  const gone = await problemsList(page, (rows) => rows.length > 0 && !rows.some((r) => r.includes("unattributed-quote")));
  await page.screenshot({ path: `${shots}/vscode-review-accepted.png` });
  check("warning_leaves_the_problems_panel", gone, await rowTexts(page));
  const cli = newslint(["check", "--show-suppressed", folder]);
  check("newslint_check_agrees", !cli.includes("warning[unattributed-quote]") && cli.includes("accepted[unattributed-quote]") && cli.includes(REASON), cli);

  // Edit the quotation's words and save: the warning is back, the entry unused.
  await goTo(page, quoteLine, 1);
  await page.keyboard.press("Control+F");
  await page.keyboard.type("old warehouses");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.type("new warehouses");
  await page.keyboard.press("Control+S");
  await page.keyboard.press("Control+Shift+M");
  check("editing_the_quotation_brings_the_warning_back", await listed("unattributed-quote"), await rowTexts(page));
  // The save reaches the disk a moment later.
  const savedEdit = () => readFileSync(path.join(folder, file), "utf8").includes("new warehouses");
  for (let i = 0; i < 40 && !savedEdit(); i++) await page.waitForTimeout(250);
  const after = newslint(["check", folder]);
  check("the_stale_entry_is_reported_unused", after.includes("hint[unused-suppression]") && after.includes("warning[unattributed-quote]"), after);
}

// Quick Open (Ctrl+P) a file and wait until its tab is the active one; a file the edit
// has just created may take a moment to be listed.
async function quickOpen(page, name) {
  const tab = page.locator(".tabs-container .tab.active", { hasText: name });
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Control+P");
    await page.waitForSelector(".quick-input-widget input", { state: "visible" });
    await page.keyboard.type(name);
    const row = page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first();
    if (await row.waitFor({ state: "visible", timeout: T / 6 }).then(() => true, () => false)) {
      await row.click();
      if (await tab.waitFor({ state: "visible", timeout: T / 6 }).then(() => true, () => false)) return true;
    }
    await page.keyboard.press("Escape");
    await page.waitForTimeout(500);
  }
  return false;
}

async function goTo(page, line, col) {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
}

async function rowTexts(page) {
  return (await page.locator(".markers-panel .monaco-list-row").allInnerTexts().catch(() => [])).map((s) => s.replace(/\s+/g, " "));
}

async function problemsList(page, ok) {
  const deadline = Date.now() + T;
  while (Date.now() < deadline) {
    if (ok(await rowTexts(page))) return true;
    await page.waitForTimeout(250);
  }
  return false;
}
