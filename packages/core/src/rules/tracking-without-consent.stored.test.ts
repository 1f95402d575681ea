/**
 * tracking-without-consent (issue 14, false positives of the real-code hunt): a stored choice whose
 * key does not say consent, read through a helper (`readCookie('cookie-notice-option') == 'true'`),
 * counts when the file writes that value only on an accept path (the banner's accept click or
 * accept handler). Each case written for this table.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const cookieHelpers = [
  'function createCookie(name, value, days) {',
  '  const expires = new Date(Date.now() + days * 864e5).toUTCString();',
  "  document.cookie = name + '=' + value + '; expires=' + expires + '; path=/';",
  '}',
  'function readCookie(name) {',
  "  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));",
  "  return found ? found.split('=')[1] : null;",
  '}',
].join('\n');

const loadGa = "  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\n  document.head.appendChild(s);";

runRuleTests(rule, {
  valid: [
    {
      name: 'HTML banner: the cookie the accept button writes, read back through a helper',
      code: `<!doctype html>\n<div id="notice"><button id="notice-accept">OK</button><button id="notice-deny">No thanks</button></div>\n<script>\n${cookieHelpers}\nif (readCookie('notice-option') == 'true') {\n${loadGa}\n}\ndocument.getElementById('notice-accept').addEventListener('click', function () {\n  createCookie('notice-option', 'true', 31);\n});\ndocument.getElementById('notice-deny').addEventListener('click', function () {\n  createCookie('notice-option', 'false', 31);\n});\n</script>\n`,
      filename: 'index.html',
    },
    {
      name: 'document.cookie written in the accept handler, read with getCookie',
      code: `function getCookie(k) {\n  return document.cookie.split('; ').find((c) => c.startsWith(k + '='))?.split('=')[1];\n}\nconst acceptButton = document.querySelector('#cc-accept-all');\nacceptButton.addEventListener('click', () => {\n  document.cookie = 'cc_status=allow; max-age=31536000; path=/';\n});\nif (getCookie('cc_status') === 'allow') {\n  fbq('init', '1');\n}\n`,
    },
    {
      name: 'localStorage written by an accept-named handler, any other write refuses',
      code: "function acceptAll() {\n  localStorage.setItem('site_prefs_v2', '1');\n}\nfunction rejectAll() {\n  localStorage.setItem('site_prefs_v2', '0');\n}\ndocument.getElementById('yes').addEventListener('click', acceptAll);\ndocument.getElementById('no').addEventListener('click', rejectAll);\nif (localStorage.getItem('site_prefs_v2') === '1') {\n  window.posthog.init('phc_x');\n}\n",
    },
  ],
  invalid: [
    {
      name: 'the same value is also written on page load: reading it back proves nothing',
      code: `${cookieHelpers}\nif (!readCookie('notice-option')) createCookie('notice-option', 'true', 31);\nif (readCookie('notice-option') == 'true') {\n  fbq('init', '1');\n}\ndocument.getElementById('accept').addEventListener('click', () => createCookie('notice-option', 'true', 31));\n`,
      errors: [{ messageId: 'notGated', line: 11 }],
    },
    {
      name: 'not refused is not accepted: != "false" does not count',
      code: `${cookieHelpers}\nif (readCookie('notice-option') != 'false') {\n  fbq('init', '1');\n}\ndocument.getElementById('accept').addEventListener('click', () => createCookie('notice-option', 'true', 31));\n`,
      errors: [{ messageId: 'notGated', line: 10 }],
    },
    {
      name: 'a stored key that this file never writes is not judged (no use to decide from)',
      code: "function getCookie(k) {\n  return document.cookie.split('; ').find((c) => c.startsWith(k + '='))?.split('=')[1];\n}\nif (getCookie('cc_status') === 'allow') fbq('init', '1');\n",
      errors: [{ messageId: 'notGated', line: 4 }],
    },
  ],
});
