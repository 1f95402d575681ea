// Playwright UI test of the Creepyline extension in the real VS Code workbench (code-server
// 4.139.1 = VS Code 1.139.1) shown in headless Debian Chromium: open the fixture tracker file,
// wait for the finding in the Problems panel, show its hover (why, law, fix, why flagged), apply the rule's quick fix through the
// quick fix menu (command "Quick Fix..."), check the editor text and that the finding is gone. Screenshots go
// to test-results/. The file lives in a throwaway copy of the fixture workspace and is never saved.
//
// The selectors are workbench internals (.markers-panel, .action-widget, .squiggly-*): they can
// change with a VS Code bump, which is why run-all.mjs allows one retry and keeps screenshots.
//
// Usage: node test/e2e/ui-test.mjs [--vsix dist/creepyline.vsix]   (default: the client/ folder
// loaded as a development extension). Exit code 0 = PASS.
import fs from 'node:fs';
import path from 'node:path';
import {
  CLIENT_DIR, codeServerCli, FIXTURE_WS, launchChromium, makeRunDir, remoteUri, RESULTS, rel,
  requireTools, secondsSince, SetupError, startCodeServer, waitFor,
} from './lib.mjs';

const FILE = 'checkout-tracking.ts';
const RULE = 'tracking-without-consent';
const CALL = "gtag('event', 'purchase'";
const STEP_TIMEOUT = Number(process.env.CREEPYLINE_UI_STEP_TIMEOUT_MS || 60_000);

/**
 * Runs the UI scenario once. `vsix`: install this package into the fresh profile; otherwise
 * load client/ as a development extension. `attempt` only names the screenshots.
 */
export async function runUiTest({ vsix, attempt = 1 } = {}) {
  requireTools(['code-server', 'chromium', 'client', 'server']);
  const t0 = Date.now();
  const log = (...a) => console.log(`  [ui ${secondsSince(t0)}s]`, ...a);
  const runDir = makeRunDir('ui');
  const userDataDir = path.join(runDir, 'user');
  const extensionsDir = path.join(runDir, 'exts');
  const ws = path.join(runDir, 'ws');
  fs.cpSync(FIXTURE_WS, ws, { recursive: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const shot = (name) => path.join(RESULTS, `ui-${name}${attempt > 1 ? `-attempt${attempt}` : ''}.png`);

  if (vsix) {
    codeServerCli(runDir, userDataDir, extensionsDir, ['--install-extension', vsix]);
    log(`installed ${rel(vsix)}`);
  }
  const server = await startCodeServer({ runDir, userDataDir, extensionsDir });
  let browser;
  let page;
  let stage = 'starting Chromium';
  try {
    const query = new URLSearchParams({ folder: ws });
    if (!vsix) query.set('payload', JSON.stringify([['extensionDevelopmentPath', remoteUri(server.base, CLIENT_DIR)]]));
    browser = await launchChromium(runDir);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (e) => log('page error:', e.message));
    stage = 'loading the workbench';
    await page.goto(`${server.base}/?${query}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'src' }).first().waitFor();
    log('workbench up, explorer shows the workspace');

    // open the file through Quick Open
    stage = `opening ${FILE}`;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
    await page.keyboard.press('Enter');
    const callLine = page.locator('.monaco-editor .view-line', { hasText: 'gtag(' }).first();
    await callLine.waitFor();
    log(`editor shows ${FILE}`);

    // the diagnostic: a squiggle in the editor and a row in the Problems panel
    stage = 'waiting for the Creepyline squiggle in the editor';
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor();
    stage = `waiting for the ${RULE} row in the Problems panel`;
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first();
    await problem.waitFor();
    const problemText = norm(await problem.innerText());
    log(`Problems panel: ${problemText}`);
    if (!/creepyline/i.test(problemText)) throw new Error(`Problems row does not name the source creepyline: ${problemText}`);
    await page.screenshot({ path: shot('problems') });
    log(`screenshot ${rel(shot('problems'))}`);

    // the hover at the flagged call (command "Show or Focus Hover", Ctrl+K Ctrl+I): the
    // one-sentence why, the law with article numbers, what to do, why it was flagged
    await callLine.click();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    stage = 'showing the hover';
    const hover = await showHover(page, log);
    const hoverText = norm(await hover.innerText());
    for (const [what, pattern] of [['the rule', new RegExp(RULE)], ['why it matters', /Why it matters:/], ['the law with an article', /Law:.*Art(icle|\.)\s*\d+/],
      ['how to fix', /How to fix:/], ['why flagged', /Why flagged:/]]) {
      if (!pattern.test(hoverText)) throw new Error(`the hover lacks ${what}: ${hoverText.slice(0, 600)}`);
    }
    log(`hover: ${hoverText.slice(0, 160)}…`);
    await page.screenshot({ path: shot('hover') });
    log(`screenshot ${rel(shot('hover'))}`);
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' }).catch(() => {});

    // the quick fix menu at the flagged call, opened with the "Quick Fix..." command
    await callLine.click();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    stage = 'opening the quick fix menu';
    const rows = await openQuickFixMenu(page, log);
    stage = 'choosing the fix';
    const titles = (await rows.allInnerTexts()).map(norm);
    log(`quick fixes: ${titles.join(' | ')}`);
    const index = titles.findIndex((t) => t && !/^(Disable |Show documentation|Fix all|Quick Fix|More Actions)/i.test(t));
    for (const expected of [`Disable ${RULE} for this line`, `Show documentation for ${RULE}`]) {
      if (!titles.some((t) => t.startsWith(expected))) throw new Error(`quick fix menu lacks "${expected}": ${titles.join(' | ')}`);
    }
    if (index < 0) throw new Error(`no fix for ${RULE} in the quick fix menu: ${titles.join(' | ')}`);
    const before = await editorText(page);
    await rows.nth(index).click();
    log(`applied "${titles[index]}"`);

    // the text changed, the call is kept, the finding is gone from the Problems panel
    stage = 'checking the fixed text';
    // The workbench re-renders the edited lines over a few frames (the DOM can show the new
    // text of one line next to the old text of another), so wait for the fixed state itself and
    // judge the last text read only when it never comes.
    const gated = (t) => t !== before && t.includes(CALL) && /\bif\s*\(|&&/.test(t.slice(0, t.indexOf(CALL)));
    let after = before;
    try {
      await waitFor(async () => { after = await editorText(page); return gated(after); },
        { timeout: STEP_TIMEOUT, what: 'the editor to show the call inside a consent check' });
    } catch {
      if (after === before) throw new Error(`"${titles[index]}" did not change the editor text`);
      if (!after.includes(CALL)) throw new Error(`the fix removed the tracker call; editor now:\n${after}`);
      throw new Error(`no consent check before the call:\n${after}`);
    }
    stage = 'waiting for the finding to leave the Problems panel';
    await problem.waitFor({ state: 'detached' });
    log('finding gone from the Problems panel');
    await page.screenshot({ path: shot('fixed') });
    log(`screenshot ${rel(shot('fixed'))}`);
    return { passed: true, detail: `screenshots ${rel(shot('problems'))}, ${rel(shot('hover'))}, ${rel(shot('fixed'))}` };
  } catch (e) {
    if (page) await page.screenshot({ path: shot('failure') }).catch(() => {});
    if (e instanceof SetupError) throw e;
    return { passed: false, detail: `${stage}: ${e.message.split('\n')[0]} (screenshot ${rel(shot('failure'))}, logs in ${runDir})` };
  } finally {
    await browser?.close().catch(() => {});
    server.stop();
  }
}

/**
 * Opens the quick fix menu through the command palette and returns its rows. The palette
 * row is clicked (Enter could hit a half-filtered list); the menu is retried until the
 * step deadline because the workbench may close it while diagnostics are still updating.
 */
async function openQuickFixMenu(page, log) {
  const rows = page.locator('.action-widget .monaco-list-row');
  const deadline = Date.now() + STEP_TIMEOUT;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('Quick Fix...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Quick Fix\.\.\./ }).first().click();
    try {
      await rows.first().waitFor({ timeout: Math.min(10_000, Math.max(1000, deadline - Date.now())) });
      return rows;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the quick fix menu did not open (${attempt} attempts)`);
      log(`quick fix menu did not open (attempt ${attempt}); trying again`);
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Shows the editor hover at the cursor with the keyboard chord of "Show or Focus Hover"
 * and returns the hover widget once it holds Creepyline's text (retried until the step
 * deadline: the first hover can come before the language server answered).
 */
async function showHover(page, log) {
  const hover = page.locator('.monaco-hover', { hasText: 'Why it matters' }).first();
  const deadline = Date.now() + STEP_TIMEOUT;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    try {
      await hover.waitFor({ timeout: Math.min(10_000, Math.max(1000, deadline - Date.now())) });
      return hover;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no Creepyline hover at the flagged call (${attempt} attempts)`);
      log(`hover not shown (attempt ${attempt}); trying again`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Text of the active editor as rendered, lines ordered by position (Monaco reuses line nodes). */
async function editorText(page) {
  const lines = await page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
    return [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])]
      .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text);
  });
  return lines.map(norm).join('\n');
}

function norm(s) {
  return s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--vsix');
  const vsix = i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
  try {
    const r = await runUiTest({ vsix });
    console.log(r.passed ? `PASS ui (${r.detail})` : `FAIL ui: ${r.detail}`);
    process.exit(r.passed ? 0 : 1);
  } catch (e) {
    console.log(`FAIL ui: CLIENT CANNOT START: ${e.message}`);
    process.exit(3);
  }
}
