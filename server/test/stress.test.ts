/**
 * The language server under stress (bundled server/dist/server.js over stdio, driven by the
 * fake client): a scripted, seeded editing session on a copy of samples/shop — thousands of
 * rapid didChange events (random edits: insertions, deletions, truncations, swaps, reverts)
 * without waiting for the server, documents closed and reopened in between, editor settings
 * and creepyline.json changed in the middle of analyses, cancelled code-action and
 * workspace-scan requests, hovers in the middle of the bursts. It checks, by counts rather
 * than by timing (the machine is shared and noisy; the bounds are generous):
 *
 * - responsive: every hover sent in the middle of a burst is answered (within 30 s), every
 *   cancelled request settles (answered or RequestCancelled), the server never exits and
 *   never shows a message;
 * - plateau: after each round (and a forced GC through the internal `creepyline/debugStats`
 *   request, server under `--expose-gc`) the heap stays within 1.5× + 32 MiB of the first
 *   round's, the caches hold at most one result / overlay / tree per open document, and
 *   after every document is closed they are empty;
 * - correct: the final diagnostics of every open document equal a fresh analysis of its final
 *   text by core (a new Workspace indexing the folder, as the server does), converted with
 *   the server's own finding → diagnostic mapping.
 *
 * Seed: CREEPYLINE_STRESS_SEED (default fixed); events: CREEPYLINE_STRESS_EVENTS (default 3000).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { DEFAULT_MAX_FILE_SIZE, discoverFiles, loadConfig, Workspace } from '@creepyline/core';
import { defaultSettings, type DebugStatsResult } from '@creepyline/protocol';
import { findingToDiagnostic } from '../src/diagnostics';
import { applyRandomEdits, randomEdit } from '../../test/properties/support';
import { FakeClient, pathToUri, REPO, SERVER_JS, type CodeAction, type Diagnostic } from './fakeClient';

const SEED = Number(process.env.CREEPYLINE_STRESS_SEED ?? 20261203);
const EVENTS = Number(process.env.CREEPYLINE_STRESS_EVENTS ?? 3000);
const ROUNDS = 4;
/** Sample files edited in the session (a page, tag components, library modules with cross-file wrappers). */
const FILES = ['app/checkout/page.tsx', 'components/ThirdPartyTags.tsx', 'lib/analytics.ts', 'lib/ads.ts', 'app/layout.tsx', 'components/ProductCard.tsx'];
const MIB = 1024 * 1024;
const ANSWER_BOUND_MS = 30_000;

/** A small seeded PRNG (mulberry32), so the session is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ensureBuilt(): void {
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }
    return latest;
  };
  const sources = ['server/src', 'packages/core/src', 'packages/protocol/src'].map((d) => path.join(REPO, d));
  const built = fs.existsSync(SERVER_JS) ? fs.statSync(SERVER_JS).mtimeMs : 0;
  if (built > Math.max(...sources.map(newest))) return;
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, `build failed:\n${result.stderr}`);
}

/** Resolves with the promise's outcome, or rejects when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); });
  const settled = promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

interface Doc {
  file: string;
  uri: string;
  languageId: string;
  original: string;
  text: string;
  version: number;
  open: boolean;
  editsSinceRevert: number;
}

describe('language server under stress (stdio, bundled)', function () {
  this.timeout(180_000);
  let client: FakeClient | undefined;
  let dir = '';

  before(() => ensureBuilt());

  after(async () => {
    if (client) await client.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`stays responsive, returns to a memory plateau and ends with the diagnostics of a fresh analysis (seed ${SEED}, ${EVENTS} events)`, async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-stress-')));
    fs.cpSync(path.join(REPO, 'samples', 'shop'), dir, { recursive: true });
    const configFile = path.join(dir, 'creepyline.json');
    const originalConfig = fs.readFileSync(configFile, 'utf8');
    const started = performance.now();
    client = await FakeClient.start({ rootDir: dir, nodeArgs: ['--expose-gc'] });
    const c = client;

    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const edits = fc.sample(randomEdit, { seed: SEED, numRuns: EVENTS });
    const docs: Doc[] = FILES.map((name) => {
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, 'utf8');
      return { file, uri: pathToUri(file), languageId: name.endsWith('.tsx') ? 'typescriptreact' : 'typescript', original: text, text, version: 1, open: false, editsSinceRevert: 0 };
    });
    const counts = { changes: 0, reverts: 0, opens: 0, closes: 0, settingsChanges: 0, configFileChanges: 0, hovers: 0, cancelled: 0, cancelledAnswered: 0, cancelledRejected: 0 };
    const heap: number[] = [];
    let maxHoverMs = 0;
    const pending: Promise<void>[] = [];
    const failures: string[] = [];

    const stats = () => c.request<DebugStatsResult>('creepyline/debugStats', { gc: true });
    const open = (doc: Doc) => {
      doc.version++;
      doc.open = true;
      counts.opens++;
      c.open(doc.uri, doc.languageId, doc.text, doc.version);
    };
    const openDocs = () => docs.filter((d) => d.open);

    /** Waits until every open document's diagnostics for its current version arrived and nothing was pushed for 1 s. */
    async function quiesce(): Promise<void> {
      await c.waitFor(
        () => openDocs().every((d) => (c.diagnosticVersions.get(d.uri) ?? []).at(-1) === d.version),
        () => `diagnostics for ${openDocs().map((d) => `${path.basename(d.file)}@${d.version} (last ${(c.diagnosticVersions.get(d.uri) ?? []).at(-1)})`).join(', ')}`,
        60_000,
      );
      // background indexing (restarted by a replaced configuration) re-validates when it ends
      await c.waitFor(
        () => {
          // a superseded run ends without having begun; every run that began must end
          const ended = new Set(c.progress.filter((p) => p.value.kind === 'end').map((p) => p.token));
          return c.progress.every((p) => p.value.kind !== 'begin' || ended.has(p.token));
        },
        () => 'background indexing to end',
        60_000,
      );
      for (let total = -1; ;) {
        const now = [...c.diagnostics.values()].reduce((n, list) => n + list.length, 0);
        if (now === total) break;
        total = now;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }

    for (const doc of docs) open(doc);
    await quiesce();

    const perRound = Math.ceil(EVENTS / ROUNDS);
    let event = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < perRound && event < EVENTS; i++, event++) {
        const r = random();
        if (r < 0.03) {
          // interleaved close / reopen
          const doc = pick(docs);
          if (doc.open && openDocs().length > 1) {
            doc.open = false;
            counts.closes++;
            c.close(doc.uri);
          } else if (!doc.open) open(doc);
        } else if (r < 0.04) {
          // editor settings change in the middle of analyses
          counts.settingsChanges++;
          c.configuration = pick([{}, { rules: { 'tracking-without-consent': 'warning' } }, { severity: { customizations: [{ rule: 'tracking-*', severity: 'info' }] } }, { enable: false }]);
          c.configurationChanged();
        } else if (r < 0.045) {
          // creepyline.json changes on disk (the team edits its policy)
          counts.configFileChanges++;
          const variant = pick([originalConfig, originalConfig.replace(/\}\s*$/, ', "rules": { "prechecked-consent": "warning" } }'), '{ "consent": ']);
          fs.writeFileSync(configFile, variant);
          c.filesChanged([{ uri: pathToUri(configFile), type: 2 }]);
        } else {
          const doc = openDocs().length > 0 ? pick(openDocs()) : pick(docs);
          if (!doc.open) open(doc);
          if (doc.editsSinceRevert >= 40 || doc.text.length < doc.original.length / 3) {
            doc.text = doc.original;
            doc.editsSinceRevert = 0;
            counts.reverts++;
          } else {
            doc.text = applyRandomEdits(doc.text, [edits[event]!]);
            doc.editsSinceRevert++;
          }
          doc.version++;
          counts.changes++;
          c.change(doc.uri, doc.version, doc.text);
        }
        if (event % 150 === 75) {
          // a request in the middle of the burst must be answered
          const doc = pick(openDocs());
          const lines = doc.text.split('\n');
          const line = Math.floor(random() * lines.length);
          const sent = performance.now();
          counts.hovers++;
          pending.push(within(c.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line, character: Math.floor(random() * ((lines[line]?.length ?? 0) + 1)) } }), ANSWER_BOUND_MS, `hover #${counts.hovers}`)
            .then((outcome) => {
              maxHoverMs = Math.max(maxHoverMs, performance.now() - sent);
              if (!outcome.ok) failures.push(`hover #${counts.hovers} failed: ${String((outcome.error as Error)?.message ?? outcome.error)}`);
            }, (error: Error) => { failures.push(error.message); }));
        }
        if (event % 97 === 50 || event % 751 === 700) {
          // a cancelled request (a code action, or a whole-workspace scan)
          const doc = pick(openDocs());
          const source = new CancellationTokenSource();
          const scan = event % 751 === 700;
          counts.cancelled++;
          const request = scan
            ? c.request('creepyline/scanWorkspace', {}, source.token)
            : c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: [] } }, source.token);
          if (scan) setTimeout(() => source.cancel(), 5);
          else source.cancel();
          pending.push(within(request, ANSWER_BOUND_MS, `cancelled request at event ${event}`).then((outcome) => {
            if (outcome.ok) counts.cancelledAnswered++;
            else if ((outcome.error as { code?: number }).code === -32800) counts.cancelledRejected++;
            else failures.push(`cancelled request at event ${event}: ${String((outcome.error as Error)?.message ?? outcome.error)}`);
          }, (error: Error) => { failures.push(error.message); }));
        }
        // let the transport flush now and then; never wait for the server
        if (event % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(pending.splice(0));
      assert.deepEqual(failures, [], `round ${round + 1}`);
      // end of the round: a known configuration, every change analysed, then measure
      c.configuration = {};
      c.configurationChanged();
      fs.writeFileSync(configFile, originalConfig);
      c.filesChanged([{ uri: pathToUri(configFile), type: 2 }]);
      for (const doc of openDocs()) {
        doc.version++;
        c.change(doc.uri, doc.version, doc.text);
      }
      await quiesce();
      const s = await stats();
      assert.equal(s.gcRan, true, 'the server runs under --expose-gc');
      heap.push(s.memory.heapUsed);
      assert.ok(s.cachedResults <= openDocs().length, `cached results ${s.cachedResults} > open documents ${openDocs().length}`);
      for (const root of s.roots) {
        assert.ok(root.overlays <= openDocs().length, `overlays ${root.overlays} > open documents ${openDocs().length}`);
        assert.ok(root.editorTrees <= openDocs().length, `editor trees ${root.editorTrees} > open documents ${openDocs().length}`);
      }
    }

    // plateau: the heap after the last round is not far above the first round's
    assert.ok(heap.at(-1)! <= heap[0]! * 1.5 + 32 * MIB, `heap grew from ${(heap[0]! / MIB).toFixed(1)} MiB to ${(heap.at(-1)! / MIB).toFixed(1)} MiB: ${heap.map((h) => (h / MIB).toFixed(1)).join(', ')}`);

    // final state: every document open with its final text
    for (const doc of docs) if (!doc.open) open(doc);
    await quiesce();
    const loaded = loadConfig({ root: dir });
    const fresh = new Workspace({ root: dir, config: loaded.config });
    fresh.indexFiles(discoverFiles({ root: dir, paths: ['.'], useIgnoreFiles: true, isIgnored: (f) => loaded.config.isIgnored(f), maxFileSize: DEFAULT_MAX_FILE_SIZE }).files);
    for (const doc of docs) fresh.indexText(doc.file, doc.text);
    let compared = 0;
    for (const doc of docs) {
      const analysis = fresh.analyzeFile(doc.file, doc.text);
      const expected = analysis.findings.map((f) => findingToDiagnostic(f, doc.version, defaultSettings(), true)).filter((d): d is NonNullable<typeof d> => d !== undefined);
      const actual = c.last(doc.uri) as Diagnostic[];
      assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), `${path.basename(doc.file)}@${doc.version}: final diagnostics differ from a fresh analysis`);
      compared += expected.length;
    }
    assert.ok(compared > 0, 'the final texts have findings to compare');

    // closing everything empties the caches
    for (const doc of docs) {
      doc.open = false;
      counts.closes++;
      c.close(doc.uri);
    }
    await c.waitFor(() => docs.every((d) => c.last(d.uri)?.length === 0), () => 'cleared diagnostics after close', 30_000);
    const end = await stats();
    assert.equal(end.openDocuments, 0);
    assert.equal(end.cachedResults, 0);
    assert.equal(end.pendingValidations, 0);
    for (const root of end.roots) assert.deepEqual({ overlays: root.overlays, editorTrees: root.editorTrees }, { overlays: 0, editorTrees: 0 }, root.dir);
    assert.deepEqual(c.unexpected, [], 'the server must not show messages to the user');
    assert.ok(!c.process.killed && c.process.exitCode === null, 'the server is still running');

    const seconds = (performance.now() - started) / 1000;
    console.log(`      stress: ${EVENTS} events in ${seconds.toFixed(1)} s — ${JSON.stringify(counts)}; ` +
      `hovers answered ${counts.hovers}/${counts.hovers} (slowest ${Math.round(maxHoverMs)} ms); ` +
      `heap after GC per round ${heap.map((h) => (h / MIB).toFixed(1)).join(' → ')} MiB, after closing all ${(end.memory.heapUsed / MIB).toFixed(1)} MiB; ` +
      `${compared} final diagnostics equal a fresh analysis`);
  });
});
