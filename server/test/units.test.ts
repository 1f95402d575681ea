/**
 * Pure pieces of the server that the end-to-end tests reach only in one configuration:
 * severity customizations, JSX-child detection for suppression comments, fix merging,
 * `context.only` matching and the status computation.
 */
import * as assert from 'node:assert/strict';
import { jsxChildLines } from '@creepyline/core';
import { kindRequested, mergeFixes } from '../src/codeActions';
import { customizeSeverity } from '../src/settings';
import { computeStatus } from '../src/status';
import { defaultSettings, normalizeSettings } from '@creepyline/protocol';

describe('server units', () => {
  it('customizes severities like eslint.rules.customizations (last match wins, ! negates)', () => {
    const rules = [
      { rule: '*', severity: 'downgrade' as const },
      { rule: '!tracking-*', severity: 'upgrade' as const },
      { rule: 'pii-to-third-party', severity: 'off' as const },
      { rule: 'special-*', severity: 'default' as const },
    ];
    assert.equal(customizeSeverity('tracking-without-consent', 'error', rules), 'warning');
    assert.equal(customizeSeverity('excessive-form-fields', 'info', rules), 'warning');
    assert.equal(customizeSeverity('pii-to-third-party', 'warning', rules), undefined);
    assert.equal(customizeSeverity('special-category-personalization', 'error', rules), 'error');
    assert.equal(customizeSeverity('consent-coupling', 'error', []), 'error');
    assert.equal(customizeSeverity('consent.coupling', 'info', [{ rule: 'consent*coupling', severity: 'error' }]), 'error');
    assert.equal(customizeSeverity('consentXcoupling', 'info', [{ rule: 'consent.coupling', severity: 'error' }]), 'info', 'dots are literal');
  });

  it('normalizes client settings, falling back per key', () => {
    assert.deepEqual(normalizeSettings(null), defaultSettings());
    const s = normalizeSettings({ enable: 'yes', severity: { customizations: [{ rule: 'x', severity: 'loud' }, { rule: 'y', severity: 'off' }] }, timeBudget: { onValidation: { warn: 10, error: -1 } } });
    assert.equal(s.enable, true);
    assert.deepEqual(s.severity.customizations, [{ rule: 'y', severity: 'off' }]);
    assert.deepEqual(s.timeBudget.onValidation, { warn: 10, error: defaultSettings().timeBudget.onValidation.error });
  });

  it('reads the policy keys from a raw settings section and keeps them when the typed object is normalized again', () => {
    const raw = {
      rules: { 'tracking-without-consent': 'warning' },
      consent: { functions: ['hasConsent'], hooks: null },
      ignore: ['**/*.test.*'],
      requireJustification: true,
    };
    const fromRaw = normalizeSettings(raw);
    assert.deepEqual(fromRaw.policy, {
      rules: { 'tracking-without-consent': 'warning' }, consent: { functions: ['hasConsent'] }, ignore: ['**/*.test.*'], requireJustification: true,
    });
    // the extension sends the typed object; the server normalizes what it receives
    assert.deepEqual(normalizeSettings(JSON.parse(JSON.stringify(fromRaw))), fromRaw);
    assert.deepEqual(normalizeSettings({ enable: true }).policy, {}, 'no keys set, no policy');
  });

  it('detects JSX children, where a comment must be {/* … */}', () => {
    const text = ['return (', '  <div>', '    <GoogleAnalytics id="G-1" />', '    {show && <Pixel />}', '  </div>', ');', 'const f = () =>', '  <Pixel />;'].join('\n');
    const isJsxChildLine = (t: string, line: number) => jsxChildLines(t, 'page.tsx')(line);
    assert.equal(isJsxChildLine(text, 2), false, 'first element after "(" is an expression, not a child');
    assert.equal(isJsxChildLine(text, 3), true);
    assert.equal(isJsxChildLine(text, 4), true);
    assert.equal(isJsxChildLine(text, 8), false, 'arrow body');
    // found by the suppression property test: after a {/* … */} line the next child is a child too
    // (a `//` comment there would be rendered on the page)
    const afterComment = ['<>', '  {/* agency pixels */}', '  {statistics && <Script src="https://www.redditstatic.com/ads/pixel.js" />}', '  text', '  <X', '    id="a"', '  />', '</>'].join('\n');
    assert.equal(isJsxChildLine(afterComment, 2), true, 'a JSX comment child');
    assert.equal(isJsxChildLine(afterComment, 3), true, 'after a {/* */} line');
    assert.equal(isJsxChildLine(afterComment, 4), true, 'JSX text');
    assert.equal(isJsxChildLine(afterComment, 6), false, 'an attribute line takes // comments');
    assert.equal(isJsxChildLine(afterComment, 8), false, 'the closing tag');
    assert.equal(jsxChildLines('const a = <div>\n  <b />\n</div>;', 'a.ts')(2), false, '.ts files have no JSX');
    assert.equal(jsxChildLines('const a = <div>\n  <b />\n</div>;', 'a.js')(2), true, '.js files may have JSX');
  });

  it('merges fixes without overlaps and keeps shared edits once', () => {
    const importEdit = { start: 0, end: 0, text: "import { hasConsent } from './consent';\n" };
    const merged = mergeFixes([
      { title: 'a', safe: true, edits: [importEdit, { start: 10, end: 20, text: 'A' }] },
      { title: 'b', safe: true, edits: [importEdit, { start: 30, end: 40, text: 'B' }] },
      { title: 'c', safe: true, edits: [{ start: 35, end: 45, text: 'C' }] },
    ]);
    assert.deepEqual(merged.map((e) => e.text), [importEdit.text, 'A', 'B']);
  });

  it('matches code action kinds against context.only hierarchically', () => {
    assert.equal(kindRequested('quickfix.creepyline.suppress.line', ['quickfix']), true);
    assert.equal(kindRequested('source.fixAll.creepyline', ['quickfix']), false);
    assert.equal(kindRequested('source.fixAll.creepyline', ['source.fixAll']), true);
    assert.equal(kindRequested('quickfix.creepyline', ['quickfix.creepyline.suppress']), false);
    assert.equal(kindRequested('quickfix.creepyline', undefined), true);
  });

  it('escalates the status past the time budget and on skipped files', () => {
    const settings = defaultSettings();
    settings.timeBudget.onValidation = { warn: 100, error: 300 };
    assert.equal(computeStatus({ uri: 'u', findings: 0, validationTime: 50 }, settings).state, 'ok');
    assert.equal(computeStatus({ uri: 'u', findings: 0, validationTime: 150 }, settings).state, 'warn');
    assert.equal(computeStatus({ uri: 'u', findings: 0, validationTime: 350 }, settings).state, 'error');
    const skipped = computeStatus({ uri: 'u', findings: 0, validationTime: 0, skippedReason: 'binary file' }, settings);
    assert.deepEqual([skipped.state, skipped.detail], ['warn', 'Not analysed: binary file']);
  });
});
