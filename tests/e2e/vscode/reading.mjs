// The reader's features in VS Code (code-server in headless Chromium, playwright-core), on the
// e2e corpus with the extension installed: the hover card fits (no scrolling, at most 15
// lines) and lists this article's quotations first, its mention count opens the references
// (a command link), documentHighlight marks both spellings, inlay hints name the speaker and
// the preferred spelling, the source URL is our document link, completion offers the corpus
// spelling after "Dm", and changing one word of a copied quotation publishes quote-drift on
// both articles, with the versions in the quotation's hover.
// Run by tests/e2e/vscode/run.sh (CS_CHECK=reading.mjs); env as check.mjs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { openArticle, runChecks } from "./workbench.mjs";

const url = process.env.CS_URL;
const folder = process.env.CS_FOLDER;
// CS_CASE=card: only the card, on CS_CARD_FILE of another corpus (the shared Dmitriev story).
const cardOnly = process.env.CS_CASE === "card";
const file = cardOnly ? process.env.CS_CARD_FILE : "03-visit.txt";
const shots = process.env.SHOT_DIR || ".";
const T = Number(process.env.TIMEOUT_MS || 60000);
const out = { checks: [], t_ms: {} };
const t0 = Date.now();
const mark = (k) => (out.t_ms[k] = Date.now() - t0);
const check = (name, ok, detail) => { out.checks.push({ name: `${process.env.CS_CASE === "card" ? "dmitriev card" : "reading"}: ${name}`, ok: !!ok, detail }); return ok; };

const lines = readFileSync(path.join(folder, file), "utf8").split("\n");
const where = (lineNeedle, word) => {
  const i = lines.findIndex((l) => l.includes(lineNeedle));
  return { line: i + 1, col: lines[i].indexOf(word) + 1 };
};

await runChecks(out, check, async (browser) => {
  const page = await openArticle(browser, { url, folder, file, timeout: T });
  // Wait for the server: its diagnostics are drawn.
  await page.locator(".monaco-editor .squiggly-warning").first().waitFor({ state: "visible" });
  mark("ready");
  if (cardOnly) {
    await card(page, where("Plenipotentiary of Russian leader", "Kirill"));
    return;
  }
  // On the given name: the variant's diagnostic (on the surname) would share the hover.
  await card(page, where("walked the length", "Kirill"));
  await highlights(page);
  await inlayHints(page);
  await drift(page);
  await completion(page);
});

async function goto(page, line, col) {
  await page.keyboard.press("Escape");
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
}

// Show the hover at the cursor (Ctrl+K Ctrl+I) until one holding `text` is visible.
async function showHover(page, text) {
  const hover = page.locator(".monaco-hover", { hasText: text }).first();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    if (await hover.waitFor({ state: "visible", timeout: T / 3 }).then(() => true, () => false)) return hover;
  }
  return null;
}

async function card(page, at) {
  await goto(page, at.line, at.col + 2);
  const hover = await showHover(page, "Described as");
  mark("hover");
  if (!check("the card opens", hover, null)) return;
  const text = await hover.innerText();
  out.hover = text;
  await page.screenshot({ path: `${shots}/vscode-reading-card${cardOnly ? "-dmitriev" : ""}.png` });
  const rows = text.split("\n").filter((l) => l.trim());
  // No scrollbar inside the hover: the whole card is on screen.
  const scroll = await hover.locator(".monaco-scrollable-element").first().evaluate((el) => {
    const inner = el.firstElementChild;
    return { scroll: inner ? inner.scrollHeight : el.scrollHeight, client: el.clientHeight };
  }).catch((e) => ({ error: String(e) }));
  check("the card fits in 15 lines without scrolling", rows.length <= 15 && !(scroll.scroll > scroll.client + 2), { rows: rows.length, scroll });
  // The quotations' places, in order: this article's come first.
  const places = text.split("\n").filter((l) => l.startsWith("“") || /^\s*[•-]?\s*“/.test(l)).map((l) => (l.match(/— ([^\s:]+):\d+\s*$/) || [])[1]);
  const firstOther = places.findIndex((p) => p !== file);
  check("this article's quotations come first", places.length > 0 && places[0] === file
    && (firstOther < 0 || places.slice(firstOther).every((p) => p !== file)), places);
  // The mention count is a command link: it opens the references in the peek view.
  const link = hover.locator("a", { hasText: /^\d+ mentions$/ }).first();
  if (check("the mention count is a link", await link.count() > 0, text)) {
    await link.click();
    const peek = page.locator(".peekview-widget, .reference-zone-widget").first();
    const opened = await peek.waitFor({ state: "visible", timeout: T / 3 }).then(() => true, () => false);
    out.peek = opened ? (await peek.innerText().catch(() => "")).slice(0, 400) : null;
    check("clicking the count shows the references", opened && /Locations \(\d+\)|\d+ references/.test(out.peek || ""), out.peek);
    await page.screenshot({ path: `${shots}/vscode-reading-references.png` });
    await page.keyboard.press("Escape");
  }
}

async function highlights(page) {
  const at = where("walked the length", "Dmitriyev");
  await goto(page, at.line, at.col + 2);
  const marks = page.locator(".monaco-editor .view-overlays .wordHighlightText, .monaco-editor .view-overlays .wordHighlight");
  const deadline = Date.now() + T / 3;
  let n = 0;
  // VS Code asks again only when the cursor moves: a request that came before the server had
  // read the corpus is asked again by going back to the name every two seconds.
  for (let tries = 0; Date.now() < deadline && (n = await marks.count()) < 2; tries++) {
    await page.waitForTimeout(200);
    if (tries % 10 === 9) await goto(page, at.line, at.col + 2);
  }
  check("documentHighlight marks both mentions", n >= 2, n);
}

async function inlayHints(page) {
  const lineText = async (needle) =>
    (await page.locator(".monaco-editor .view-line").allInnerTexts()).map((s) => s.replace(/\u00a0/g, " ")).find((s) => s.includes(needle)) || "";
  const deadline = Date.now() + T / 3;
  let quoted = "", walked = "";
  while (Date.now() < deadline) {
    quoted = await lineText("contracts are not");
    walked = await lineText("walked the length");
    if (quoted.includes("— Dmitriev") && walked.includes("→ Dmitriev")) break;
    await page.waitForTimeout(250);
  }
  check("inlay hints: the speaker after the quotation", quoted.includes("— Dmitriev"), quoted);
  check("inlay hints: the preferred spelling after the variant", walked.includes("Dmitriyev → Dmitriev"), walked);
  await page.screenshot({ path: `${shots}/vscode-reading-inlay.png` });
}

// Type at the end of the article; the suggest widget offers the corpus spelling.
async function completion(page) {
  await goto(page, lines.length + 1, 1);
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Later that day Dm");
  await page.keyboard.press("Control+Space");
  const widget = page.locator(".suggest-widget .monaco-list-row", { hasText: "Dmitriev" }).first();
  const shown = await widget.waitFor({ state: "visible", timeout: T / 3 }).then(() => true, () => false);
  out.completion = shown ? await page.locator(".suggest-widget").first().innerText().catch(() => "") : null;
  check("completion after Dm offers Dmitriev", shown, out.completion);
  await page.screenshot({ path: `${shots}/vscode-reading-completion.png` });
  await page.keyboard.press("Escape");
}

async function problems(page) {
  return (await page.locator(".markers-panel .monaco-list-row").allInnerTexts().catch(() => [])).map((s) => s.replace(/\s+/g, " "));
}

// Copy another article's quotation into this one, then change one word of it.
async function drift(page) {
  await page.keyboard.press("Control+Shift+M");
  await goto(page, lines.length + 1, 1);
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  // Inserted as one string, so that auto-closing quotes do not double the marks.
  await page.keyboard.insertText('"We have waited four years for a berth that can take the large ships," Dmitriyev said.');
  await page.waitForTimeout(2500);
  const before = await problems(page);
  check("an exact copy is no drift", !before.some((p) => p.includes("quote-drift")), before);
  // Change one word: "four" becomes "five" (cursor before it, delete it, type the new one).
  const quoteLine = lines.length + (lines[lines.length - 1] === "" ? 1 : 2);
  await goto(page, quoteLine, '"We have waited '.length + 1);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Delete");
  await page.keyboard.type("five");
  const deadline = Date.now() + T / 2;
  let after = [];
  while (Date.now() < deadline) {
    after = await problems(page);
    if (after.filter((p) => p.includes("quote-drift")).length >= 2) break;
    await page.waitForTimeout(300);
  }
  out.drift_problems = after.filter((p) => p.includes("quote-drift"));
  check("the changed quotation gets quote-drift", after.some((p) => p.includes("quote-drift") && p.includes("five")), out.drift_problems);
  // The Problems panel groups by file: the other article's row says it has drift too.
  const groups = (await page.locator(".markers-panel .monaco-list-row").allInnerTexts()).join("\n");
  check("the other article is republished with quote-drift", /01-terminal\.txt/.test(groups) && out.drift_problems.length >= 2, groups.slice(0, 800));
  await page.screenshot({ path: `${shots}/vscode-reading-drift.png` });
  await goto(page, quoteLine, 10);
  const hover = await showHover(page, "elsewhere in the corpus");
  const text = hover ? await hover.innerText() : null;
  out.drift_hover = text;
  check("the hover on the quotation shows the versions", text && text.includes("01-terminal.txt") && text.includes("four"), text);
}
