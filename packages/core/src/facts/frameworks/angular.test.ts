/**
 * Angular component templates: inline `template:` strings and `templateUrl` files, per guard
 * form (`*ngIf`, `; else`, `; then … else`, `<ng-template [ngIf]>`, `@if/@else if/@else`,
 * `@defer (when …)`), per binding form, click-to-load on component members, suppression
 * comments and fixes inside the TypeScript string, broken templates.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../../testing/rule-tester';
import { LayeredConfigSet } from '../../config';
import { rules } from '../../rules';
import { Workspace } from '../../workspace';
import { applyEdits } from '../../text';
import { suppressionEdit } from '../../suppressions';
import { inlineTemplateRanges } from './angular';

const TRACKING = 'tracking-without-consent';
const EMBED = 'third-party-embed-without-consent';
const PIXEL = '<img src="https://www.facebook.com/tr?id=1&ev=PageView" alt="">';
const YOUTUBE = 'https://www.youtube.com/embed/abc';

/** An inline-template component; the template starts on line 4, column 1 of the file. */
function component(template: string, members = 'constructor(private consent: ConsentService) {}'): string {
  return `import { Component, signal } from '@angular/core';\n@Component({\n  selector: 'app-x',\n  template: \`\n${template}\n\`,\n})\nexport class XComponent {\n  ${members}\n}\n`;
}

function at(rule: string, code: string, file: string, files: Record<string, string> = {}): string[] {
  return lint(rule, code, file, {}, files).map((f) => `${f.range.start.line}:${f.range.start.column}`);
}

interface Case { name: string; template: string; members?: string; rule?: string; expect: string[] }

const cases: Case[] = [
  // ---- control-flow blocks
  { name: '@if on a consent check gates the pixel', template: `@if (consent.marketing()) {\n  ${PIXEL}\n}`, expect: [] },
  { name: 'a pixel without a condition', template: PIXEL, expect: ['5:6'] },
  { name: '@else of a consent check means not consented', template: `@if (consent.marketing()) {\n  <p>thanks</p>\n} @else {\n  ${PIXEL}\n}`, expect: ['8:8'] },
  { name: '@else of a negated check is consented', template: `@if (!hasConsent('marketing')) {\n  <p>ask</p>\n} @else {\n  ${PIXEL}\n}`, expect: [] },
  { name: '@else if on a consent check gates its branch', template: `@if (loading) {\n  <p>…</p>\n} @else if (hasConsent('marketing')) {\n  ${PIXEL}\n}`, expect: [] },
  { name: 'a statistics check does not gate a marketing pixel', template: `@if (consent.statistics()) {\n  ${PIXEL}\n}`, expect: ['6:8'] },
  { name: '@for is no guard', template: `@for (v of videos; track v) {\n  ${PIXEL}\n}`, expect: ['6:8'] },
  { name: '@defer (on viewport) is no consent', template: `@defer (on viewport) {\n  ${PIXEL}\n} @placeholder {\n  <p>…</p>\n}`, expect: ['6:8'] },
  { name: '@defer (when consent) gates the deferred content', template: `@defer (when hasConsent('marketing')) {\n  ${PIXEL}\n}`, expect: [] },
  { name: '@switch is no guard', template: `@switch (mode) {\n  @case ('a') { ${PIXEL} }\n}`, expect: ['6:22'] },
  // ---- structural directives
  { name: '*ngIf on a consent check gates', template: `<div *ngIf="hasConsent('marketing')">\n  ${PIXEL}\n</div>`, expect: [] },
  { name: '*ngIf; else names the not-consented template', template: `<div *ngIf="hasConsent('marketing'); else ask"><p>ok</p></div>\n<ng-template #ask>\n  ${PIXEL}\n</ng-template>`, expect: ['7:8'] },
  { name: '*ngIf; then … else: the then template is gated', template: `<ng-container *ngIf="hasConsent('marketing'); then yes; else no"></ng-container>\n<ng-template #yes>${PIXEL}</ng-template>\n<ng-template #no><p>no</p></ng-template>`, expect: [] },
  { name: '<ng-template [ngIf]> gates', template: `<ng-template [ngIf]="hasConsent('marketing')">\n  ${PIXEL}\n</ng-template>`, expect: [] },
  { name: '*ngIf="consent$ | async" is judged on the observable', template: `<div *ngIf="marketingConsent$ | async">${PIXEL}</div>`, expect: [] },
  // ---- component members judged by their names (the consent recogniser's name heuristics, medium confidence)
  { name: '*ngIf="consentGiven" (a member) gates', template: `<div *ngIf="consentGiven">${PIXEL}</div>`, members: 'consentGiven = false;', expect: [] },
  { name: '@if (hasConsent()) (a method) gates', template: `@if (hasConsent()) {\n  ${PIXEL}\n}`, members: 'hasConsent() { return this.store.get(); }', expect: [] },
  { name: '@if (cookiesAccepted()) (a signal) gates', template: `@if (cookiesAccepted()) {\n  ${PIXEL}\n}`, members: 'cookiesAccepted = signal(false);', expect: [] },
  { name: '@if (showBanner) (no consent word) is no guard', template: `@if (showBanner) {\n  ${PIXEL}\n}`, members: 'showBanner = true;', expect: ['6:8'] },
  { name: '*ngIf="!consentGiven" means not consented', template: `<div *ngIf="!consentGiven">${PIXEL}</div>`, members: 'consentGiven = false;', expect: ['5:33'] },
  { name: '*ngFor is no guard', template: `<div *ngFor="let x of items">${PIXEL}</div>`, expect: ['5:35'] },
  { name: 'an unreferenced <ng-template> is no guard', template: `<ng-template #later>${PIXEL}</ng-template>`, expect: ['5:26'] },
  // ---- bindings
  { name: '[src] with a literal', rule: EMBED, template: `<iframe [src]="'${YOUTUBE}'"></iframe>`, expect: ['5:1'] },
  { name: '[attr.src] with a literal', rule: EMBED, template: `<iframe [attr.src]="'${YOUTUBE}'"></iframe>`, expect: ['5:1'] },
  { name: 'src="{{ \'…\' }}"', rule: EMBED, template: `<iframe src="{{ '${YOUTUBE}' }}"></iframe>`, expect: ['5:9'] },
  { name: 'an interpolated path keeps the host', rule: EMBED, template: `<iframe src="https://www.youtube.com/embed/{{ videoId }}"></iframe>`, expect: ['5:9'] },
  { name: '[src] on a member holding a literal URL', rule: EMBED, template: `<iframe [src]="mapUrl"></iframe>`, members: `mapUrl = 'https://www.google.com/maps/embed?pb=1';`, expect: ['5:1'] },
  { name: '[src] on a sanitizer bypass of a literal URL', rule: EMBED, template: `<iframe [src]="video"></iframe>`, members: `video = this.sanitizer.bypassSecurityTrustResourceUrl('${YOUTUBE}');\n  constructor(private sanitizer: DomSanitizer) {}`, expect: ['5:1'] },
  { name: "[src]=\"'https://…/' + id | safe\": the literal head names the host", rule: EMBED, template: `<iframe *ngIf="video" [src]="'https://www.youtube.com/embed/' + video.id | safe"></iframe>`, expect: ['5:1'] },
  { name: '[src] on a member through a sanitizer pipe', rule: EMBED, template: `<iframe [src]="mapUrl | safeResourceUrl"></iframe>`, members: `mapUrl = 'https://www.google.com/maps/embed?pb=1';`, expect: ['5:1'] },
  { name: 'a relative head is not a third party', rule: EMBED, template: `<iframe [src]="'/embed/' + id"></iframe>`, expect: [] },
  { name: '[src] on an unknown value is not guessed', rule: EMBED, template: `<iframe [src]="url"></iframe>`, members: `url = this.pick();`, expect: [] },
  { name: '[src] literal under @if consent', rule: EMBED, template: `@if (hasConsent('marketing')) { <iframe [src]="'${YOUTUBE}'"></iframe> }`, expect: [] },
  { name: 'Angular drops <script> from templates: nothing loads', template: `<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>`, expect: [] },
  // ---- click-to-load on component members
  { name: 'click-to-load: signal(false) set in (click)', rule: EMBED, template: `@if (showMap()) {\n  <iframe src="https://www.google.com/maps/embed?pb=1"></iframe>\n} @else {\n  <button (click)="showMap.set(true)">Load Google Maps</button>\n}`, members: 'showMap = signal(false);', expect: [] },
  { name: 'click-to-load: a method used only as a click handler', rule: EMBED, template: `<iframe *ngIf="showMap" src="https://www.google.com/maps/embed?pb=1"></iframe>\n<button (click)="loadMaps()">Load Google Maps</button>`, members: 'showMap = false;\n  loadMaps() { this.showMap = true; }', expect: [] },
  { name: 'a flag turned on in ngOnInit is no click-to-load', rule: EMBED, template: `<iframe *ngIf="showMap" src="https://www.google.com/maps/embed?pb=1"></iframe>`, members: 'showMap = false;\n  ngOnInit() { this.showMap = true; }', expect: ['5:25'] },
  { name: 'a method also called from ngOnInit is no click-to-load', rule: EMBED, template: `<iframe *ngIf="showMap" src="https://www.google.com/maps/embed?pb=1"></iframe>\n<button (click)="loadMaps()">Load</button>`, members: 'showMap = false;\n  ngOnInit() { this.loadMaps(); }\n  loadMaps() { this.showMap = true; }', expect: ['5:25'] },
  { name: 'a flag set by a non-click event is no click-to-load', rule: EMBED, template: `<iframe *ngIf="showMap" src="https://www.google.com/maps/embed?pb=1"></iframe>\n<div (mouseenter)="showMap = true"></div>`, members: 'showMap = false;', expect: ['5:25'] },
  // ---- members are not globals
  { name: 'a member named like a tracker global is the member', template: `<button (click)="analytics.track('signup')">Go</button>`, members: 'constructor(private analytics: AnalyticsService) {}', expect: [] },
];

describe('Angular component templates', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(at(c.rule ?? TRACKING, component(c.template, c.members), 'x.component.ts'), c.expect);
    });
  }

  it('a template with ${…} substitutions is not read (and does not fail the file)', () => {
    const code = "import { Component } from '@angular/core';\nconst tag = 'p';\n@Component({ selector: 'a', template: `<${tag}>${'<img src=\"https://www.facebook.com/tr?id=1\">'}</${tag}>` })\nexport class A {}\n";
    assert.deepEqual(at(TRACKING, code, 'a.component.ts'), []);
  });

  it('the component script keeps its own findings', () => {
    const code = component('<p>hi</p>', "ngOnInit() { fbq('track', 'PageView'); }");
    assert.deepEqual(at(TRACKING, code, 'x.component.ts'), ['9:16']);
  });

  it('a component method is judged by its this.m() uses in the class', () => {
    const gated = component('<p>hi</p>', "ngOnInit() { if (this.consent.marketing()) this.startPixel(); }\n  startPixel() { fbq('track', 'PageView'); }");
    assert.deepEqual(at(TRACKING, gated, 'x.component.ts'), []);
    const ungated = component('<p>hi</p>', "ngOnInit() { this.startPixel(); }\n  startPixel() { fbq('track', 'PageView'); }");
    assert.deepEqual(at(TRACKING, ungated, 'x.component.ts'), ['10:18']);
  });

  it('a method only the template calls is judged by the template\'s calls', () => {
    const members = "trackSignup() { gtag('event', 'sign_up'); }";
    const gated = component(`@if (consent.analytics()) {\n  <button (click)="trackSignup()">Sign up</button>\n}`, members);
    assert.deepEqual(at(TRACKING, gated, 'x.component.ts'), []);
    const ungated = component(`<button (click)="trackSignup()">Sign up</button>`, members);
    assert.equal(at(TRACKING, ungated, 'x.component.ts').length, 1);
    const mixed = component(`@if (consent.analytics()) {\n  <button (click)="trackSignup()">Sign up</button>\n}\n<a (click)="trackSignup()">Join</a>`, members);
    assert.equal(at(TRACKING, mixed, 'x.component.ts').length, 1);
    const wrongPurpose = component(`@if (consent.marketing()) {\n  <button (click)="trackSignup()">Sign up</button>\n}`, members);
    assert.equal(at(TRACKING, wrongPurpose, 'x.component.ts').length, 1, 'a marketing check does not gate an analytics event');
    const rendered = component(`@if (consent.analytics()) {\n  <p>{{ trackSignup() }}</p>\n}`, members);
    assert.equal(at(TRACKING, rendered, 'x.component.ts').length, 1, 'a call in an interpolation is not judged (not a handler)');
  });

  it('a single-quoted template string is read at its offsets', () => {
    const code = `import { Component } from '@angular/core';\n@Component({ selector: 'a', template: '<p>x</p>${PIXEL}' })\nexport class A {}\n`;
    assert.deepEqual(at(TRACKING, code, 'a.component.ts'), ['2:53']);
  });

  it('suppression comments <!-- --> inside the inline template', () => {
    const code = component(`<!-- creepyline-disable-next-line ${TRACKING} -- test property, no visitors -->\n${PIXEL}`);
    assert.deepEqual(at(TRACKING, code, 'x.component.ts'), []);
  });

  it('"disable for this line" inside an inline template writes an HTML comment that works', () => {
    const code = component(PIXEL);
    const [finding] = lint(TRACKING, code, 'x.component.ts');
    const edit = suppressionEdit(code, finding.range.start.line, TRACKING, { language: 'js', markupRanges: inlineTemplateRanges(code) });
    assert.match(edit.text, /^<!-- creepyline-disable-next-line tracking-without-consent -->/);
    const fixed = applyEdits(code, [edit]);
    assert.deepEqual(at(TRACKING, fixed, 'x.component.ts'), []);
    // outside the template the directive stays a line comment
    const script = component('<p>hi</p>', "ngOnInit() { fbq('track', 'PageView'); }");
    const [inScript] = lint(TRACKING, script, 'x.component.ts');
    assert.match(suppressionEdit(script, inScript.range.start.line, TRACKING, { language: 'js', markupRanges: inlineTemplateRanges(script) }).text, /^\s*\/\/ creepyline-disable-next-line/);
  });

  it('a quick fix inside the inline template edits the TypeScript string at the right place', () => {
    const code = component(`<iframe src="${YOUTUBE}"></iframe>`);
    const [finding] = lint(EMBED, code, 'x.component.ts');
    const fix = finding.fixes.find((f) => /nocookie/.test(f.title));
    assert.ok(fix, `fixes: ${finding.fixes.map((f) => f.title).join(', ')}`);
    const fixed = applyEdits(code, fix.edits);
    assert.equal(fixed, code.replace('www.youtube.com', 'www.youtube-nocookie.com'));
  });

  describe('templateUrl files', () => {
    const ts = (url: string) => `import { Component } from '@angular/core';\n@Component({ selector: 'app-shop', templateUrl: '${url}' })\nexport class ShopComponent {\n  showVideo = false;\n  play() { this.showVideo = true; }\n}\n`;
    const html = `<div *ngIf="hasConsent('marketing')">\n  ${PIXEL}\n</div>\n<iframe *ngIf="showVideo" src="${YOUTUBE}"></iframe>\n<button (click)="play()">Play video</button>\n${PIXEL}\n`;

    it('an .html file a component of its folder names is read as an Angular template', () => {
      assert.deepEqual(at(TRACKING, html, 'app/shop.component.html', { 'app/shop.component.ts': ts('./shop.component.html') }), ['6:6']);
      assert.deepEqual(at(EMBED, html, 'app/shop.component.html', { 'app/shop.component.ts': ts('./shop.component.html') }), []);
    });

    describe('a method only its templateUrl file calls is judged by the template\'s uses', () => {
      const script = (methods: string) => `import { Component } from '@angular/core';\n@Component({ selector: 'app-banner', templateUrl: './banner.component.html' })\nexport class BannerComponent {\n  constructor(private consent: ConsentService) {}\n  ${methods}\n}\n`;
      const track = "trackSignup() { gtag('event', 'sign_up'); }";
      const run = (html: string, methods = track) => at(TRACKING, script(methods), 'app/banner.component.ts', { 'app/banner.component.html': html });
      const cases: { name: string; html: string; methods?: string; expect: string[] }[] = [
        { name: 'a (click) inside @if (consent) is gated', html: `@if (consent.analytics()) {\n  <button (click)="trackSignup()">Sign up</button>\n}\n`, expect: [] },
        { name: 'a (click) inside *ngIf="consentGiven" is gated', html: `<div *ngIf="consentGiven"><button (click)="trackSignup()">Sign up</button></div>\n`, expect: [] },
        { name: 'a (click) on an accept button is gated', html: `<div class="cookie-banner">\n  <button (click)="acceptAll()">Accept all cookies</button>\n</div>\n`, methods: "acceptAll() { this.consent.save(); gtag('config', 'G-1'); }", expect: [] },
        { name: 'an accept button by its id', html: `<button id="accept-cookies" (click)="acceptAll()">OK</button>\n`, methods: "acceptAll() { gtag('config', 'G-1'); }", expect: [] },
        { name: 'a (click) on a reject button is not consent', html: `<button (click)="acceptAll()">Only necessary</button>\n`, methods: "acceptAll() { gtag('config', 'G-1'); }", expect: ['5:17'] },
        { name: 'an ungated (click) is reported', html: `<button (click)="trackSignup()">Sign up</button>\n`, expect: ['5:19'] },
        { name: 'one ungated use among gated ones is reported', html: `@if (consent.analytics()) {\n  <button (click)="trackSignup()">Sign up</button>\n}\n<a (click)="trackSignup()">Join</a>\n`, expect: ['5:19'] },
        { name: 'a call in an interpolation runs on render', html: `@if (consent.analytics()) {\n  <p>{{ trackSignup() }}</p>\n}\n`, expect: ['5:19'] },
        { name: 'a wrong-purpose check does not gate', html: `@if (consent.marketing()) {\n  <button (click)="trackSignup()">Sign up</button>\n}\n`, expect: ['5:19'] },
        { name: 'a method the class also calls is judged by the class', html: `@if (consent.analytics()) {\n  <button (click)="trackSignup()">Sign up</button>\n}\n`, methods: `${track}\n  ngOnInit() { this.trackSignup(); }`, expect: ['5:19'] },
        { name: 'a broken templateUrl file leaves the class\'s verdict', html: `@if (consent.analytics()) {\n  <button (click)="trackSignup()">Sign up\n`, expect: ['5:19'] },
      ];
      for (const c of cases) it(c.name, () => assert.deepEqual(run(c.html, c.methods), c.expect));

      it('on disk: the component is judged with its templateUrl file, whatever the order', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-angular-url-'));
        try {
          fs.writeFileSync(path.join(dir, 'banner.component.ts'), script("acceptAll() { gtag('config', 'G-1'); }"));
          fs.writeFileSync(path.join(dir, 'banner.component.html'), '<button (click)="acceptAll()">Accept</button>\n');
          const workspace = new Workspace({ root: dir, config: new LayeredConfigSet(dir, rules, [{ raw: {}, baseDir: dir }]) });
          const result = workspace.analyzeFile(path.join(dir, 'banner.component.ts'));
          assert.deepEqual(result.findings.filter((f) => f.ruleId === TRACKING), []);
          // the template file changes: the component is analysed again with it
          workspace.analyzeFile(path.join(dir, 'banner.component.html'), '<button (click)="acceptAll()">Read more</button>\n');
          assert.ok(workspace.dependentsOf(path.join(dir, 'banner.component.html')).includes(path.join(dir, 'banner.component.ts')));
          const again = workspace.analyzeFile(path.join(dir, 'banner.component.ts'));
          assert.deepEqual(again.findings.filter((f) => f.ruleId === TRACKING).map((f) => f.range.start.line), [5]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    });

    it('without such a component it is a plain page', () => {
      assert.deepEqual(at(TRACKING, html, 'app/shop.component.html', { 'app/shop.component.ts': ts('./other.html') }), ['2:8', '6:6']);
      assert.deepEqual(at(EMBED, html, 'app/shop.component.html'), ['4:27']);
    });

    it('on disk: the CLI order of files does not matter, and a broken template is skipped with a reason', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-angular-'));
      try {
        fs.writeFileSync(path.join(dir, 'shop.component.ts'), ts('./shop.component.html'));
        fs.writeFileSync(path.join(dir, 'shop.component.html'), html);
        fs.writeFileSync(path.join(dir, 'broken.component.ts'), ts('./broken.component.html').replace(/Shop/g, 'Broken'));
        fs.writeFileSync(path.join(dir, 'broken.component.html'), '@if (x) {\n  <p>never closed\n');
        const workspace = new Workspace({ root: dir, config: new LayeredConfigSet(dir, rules, [{ raw: {}, baseDir: dir }]) });
        const page = workspace.analyzeFile(path.join(dir, 'shop.component.html'));
        assert.deepEqual(page.findings.filter((f) => f.ruleId === TRACKING).map((f) => f.range.start.line), [6]);
        const broken = workspace.analyzeFile(path.join(dir, 'broken.component.html'));
        assert.match(broken.skipped?.reason ?? '', /parser failed: Angular template: /);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('a broken inline template skips the file with a reason, not a crash', () => {
    const root = path.resolve('/virtual-workspace');
    const workspace = new Workspace({ root, config: new LayeredConfigSet(root, rules, [{ raw: {}, baseDir: root }]) });
    const result = workspace.analyzeFile(path.join(root, 'x.component.ts'), component('@if (a) {\n  <p>'));
    assert.match(result.skipped?.reason ?? '', /parser failed: Angular template: /);
  });
});
