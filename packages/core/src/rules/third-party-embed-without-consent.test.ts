import { runRuleTests } from '../testing/rule-tester';
import { rule } from './third-party-embed-without-consent';

const teamConsent = { consent: { functions: ['hasConsent'] } };

runRuleTests(rule, {
  valid: [
    // behind the consent tool's marketing check
    { code: 'export const V = () => (window.Cookiebot?.consent.marketing ? <iframe src="https://www.youtube.com/embed/abc" /> : null);', filename: 'V.tsx' },
    // && on the team's consent function
    { code: "import { hasConsent } from './consent';\nexport const V = () => <div>{hasConsent('marketing') && <iframe src=\"https://player.vimeo.com/video/123\" />}</div>;", filename: 'V.tsx', config: teamConsent },
    // a const URL behind a check (the shop's RoasteryMap)
    { code: "const URL_ = 'https://www.google.com/maps/embed?pb=1';\nexport const M = () => (Cookiebot.consent.marketing ? <iframe src={URL_} /> : <p>Map</p>);", filename: 'M.tsx' },
    // click-to-load state set only by a click handler
    {
      code: "import { useState } from 'react';\nexport function V() {\n  const [show, setShow] = useState(false);\n  return show ? <iframe src=\"https://www.youtube.com/embed/abc\" /> : <button onClick={() => setShow(true)}>Play</button>;\n}",
      filename: 'V.tsx',
    },
    // click-to-load in every written form (issue 14 item 9): an early return of the placeholder, a named click handler
    {
      name: 'early return of a placeholder until a click turns the state on',
      code: "import { useState } from 'react';\nexport function V() {\n  const [load, setLoad] = useState(false);\n  if (!load) return <button onClick={() => setLoad(true)}>Load the video from YouTube</button>;\n  return <iframe src=\"https://www.youtube.com/embed/abc\" />;\n}",
      filename: 'V.tsx',
    },
    {
      name: 'a named handler that only a click uses, with &&',
      code: "import { useState } from 'react';\nexport function M() {\n  const [show, setShow] = useState(false);\n  const reveal = () => setShow(true);\n  return <div>{show && <iframe src=\"https://www.google.com/maps/embed?pb=1\" />}<button onClick={reveal}>Show map</button></div>;\n}",
      filename: 'M.tsx',
    },
    // click-to-load, the rest of issue 14 item 9: handlers found by binding, key presses, a control that names the provider
    {
      name: 'a handler declared as a function in the component and passed as onClick={handleLoad}',
      code: "import { useState } from 'react';\nexport function Map() {\n  const [loaded, setLoaded] = useState(false);\n  function handleLoad() {\n    setLoaded(true);\n  }\n  if (!loaded) return <button onClick={handleLoad}>Load Google Maps</button>;\n  return <iframe src=\"https://www.google.com/maps/embed?pb=1\" />;\n}",
      filename: 'Map.tsx',
    },
    {
      name: 'a useCallback handler, and a handler called from an inline arrow',
      code: "import { useCallback, useState } from 'react';\nexport function V() {\n  const [play, setPlay] = useState<boolean>(false);\n  const start = useCallback(() => setPlay(true), []);\n  const onPlay = () => start();\n  return <div>{play ? <iframe src=\"https://player.vimeo.com/video/1\" /> : <button type=\"button\" onClick={() => onPlay()}>Play</button>}</div>;\n}",
      filename: 'V.tsx',
    },
    {
      name: 'a key press (Enter/Space) on a control whose aria-label names the provider',
      code: "import { useState } from 'react';\nexport function V() {\n  const [play, setPlay] = useState(false);\n  const onKey = (e: { key: string }) => {\n    if (e.key === 'Enter' || e.key === ' ') setPlay(true);\n  };\n  return play ? <iframe src=\"https://www.youtube.com/embed/abc\" /> : <div role=\"button\" tabIndex={0} aria-label=\"YouTube-Video laden\" onKeyDown={onKey} />;\n}",
      filename: 'V.tsx',
    },
    {
      name: 'a checkbox change on a control that names the provider',
      code: "import { useState } from 'react';\nexport function M() {\n  const [allowMaps, setAllowMaps] = useState(false);\n  return (\n    <div>\n      <label><input type=\"checkbox\" onChange={(e) => setAllowMaps(e.target.checked)} /> Google Maps laden</label>\n      {allowMaps && <iframe src=\"https://www.google.com/maps/embed?pb=1\" />}\n    </div>\n  );\n}",
      filename: 'M.tsx',
    },
    // an iframe of an uncatalogued host
    { code: 'export const V = () => <iframe src="https://example.org/widget" />;', filename: 'V.tsx' },
    // next/font/google self-hosts at build time
    "import { Inter } from 'next/font/google';\nexport const inter = Inter({ subsets: ['latin'] });",
    // preconnect does not load the stylesheet
    { code: '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>', filename: 'index.html' },
    // a self-hosted font in CSS, and an @import inside a comment
    { code: "/* @import url('https://fonts.googleapis.com/css2?family=Inter'); */\n@import url('./fonts.css');", filename: 'a.css' },
    // HTML iframe blocked by Cookiebot markup (the URL moved to data-cookieblock-src) until marketing consent
    { code: '<iframe data-cookieblock-src="https://www.youtube.com/embed/abc" data-cookieconsent="marketing"></iframe>', filename: 'index.html' },
    // ignored by option
    { code: '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">', filename: 'index.html', config: { rules: { 'third-party-embed-without-consent': ['warning', { ignoreEmbeds: ['google-fonts'] }] } } },
  ],
  invalid: [
    {
      code: 'export const V = () => (\n  <figure>\n    <iframe src="https://www.youtube.com/embed/abc" title="x" />\n  </figure>\n);',
      filename: 'V.tsx',
      errors: [{ messageId: 'embedNotGated', line: 3, column: 13, endLine: 3, endColumn: 52, severity: 'warning', message: 'YouTube iframe loads with the page' }],
      output: 'export const V = () => (\n  <figure>\n    <iframe src="https://www.youtube-nocookie.com/embed/abc" title="x" />\n  </figure>\n);',
    },
    {
      name: 'template src of a youtube embed; nocookie host reported without a fix',
      code: 'export const V = ({ id }: { id: string }) => <div><iframe src={`https://youtube.com/embed/${id}`} /><iframe src="https://www.youtube-nocookie.com/embed/x"></iframe></div>;',
      filename: 'V.tsx',
      errors: [
        { messageId: 'embedNotGated', line: 1, column: 59 },
        { messageId: 'embedNotGated', line: 1, column: 109, message: 'privacy-enhanced mode' },
      ],
      output: 'export const V = ({ id }: { id: string }) => <div><iframe src={`https://www.youtube-nocookie.com/embed/${id}`} /><iframe src="https://www.youtube-nocookie.com/embed/x"></iframe></div>;',
    },
    {
      name: 'a viewport check is not consent',
      code: 'export function M({ isInView }: { isInView: boolean }) {\n  return <section>{isInView && <iframe src="https://maps.google.com/maps?q=berlin&output=embed" loading="lazy" />}</section>;\n}',
      filename: 'M.tsx',
      errors: [{ messageId: 'embedNotGated', line: 2, column: 40 }],
      output: null,
    },
    {
      name: 'a change handler on a control that does not name the provider is no click-to-load',
      code: "import { useState } from 'react';\nexport function M() {\n  const [show, setShow] = useState(false);\n  return (\n    <div>\n      <label><input type=\"checkbox\" onChange={(e) => setShow(e.target.checked)} /> Show extras</label>\n      {show && <iframe src=\"https://www.google.com/maps/embed?pb=1\" />}\n    </div>\n  );\n}",
      filename: 'M.tsx',
      errors: [{ messageId: 'embedNotGated', line: 7 }],
    },
    {
      name: 'handlers by binding: a same-named handler of another component, called on mount, does not gate (and does not spoil the first)',
      code: "import { useEffect, useState } from 'react';\nexport function A() {\n  const [show, setShow] = useState(false);\n  const handleLoad = () => setShow(true);\n  return show ? <iframe src=\"https://www.youtube.com/embed/a\" /> : <button onClick={handleLoad}>Load YouTube</button>;\n}\nexport function B() {\n  const [show, setShow] = useState(false);\n  const handleLoad = () => setShow(true);\n  useEffect(() => {\n    handleLoad();\n  }, []);\n  return show ? <iframe src=\"https://www.youtube.com/embed/b\" /> : <button onClick={handleLoad}>Load YouTube</button>;\n}",
      filename: 'V.tsx',
      errors: [{ messageId: 'embedNotGated', line: 13 }],
    },
    {
      name: 'state set by an effect (intersection observer) is not click-to-load',
      code: "import { useEffect, useState } from 'react';\nexport function V() {\n  const [show, setShow] = useState(false);\n  useEffect(() => setShow(true), []);\n  return show ? <iframe src=\"https://player.vimeo.com/video/1\" /> : <button onClick={() => setShow(true)}>Play</button>;\n}",
      filename: 'V.tsx',
      errors: [{ messageId: 'embedNotGated', line: 5, column: 25 }],
    },
    {
      name: 'early return on a flag an effect turns on, and a named handler also called on mount',
      code: "import { useEffect, useState } from 'react';\nexport function V() {\n  const [load, setLoad] = useState(false);\n  const reveal = () => setLoad(true);\n  useEffect(() => { reveal(); }, []);\n  if (!load) return <button onClick={reveal}>Play</button>;\n  return <iframe src=\"https://player.vimeo.com/video/1\" />;\n}",
      filename: 'V.tsx',
      errors: [{ messageId: 'embedNotGated', line: 7, column: 18 }],
    },
    {
      name: 'statistics check around a marketing embed',
      code: 'export const V = () => (Cookiebot.consent.statistics ? <iframe src="https://platform.twitter.com/embed/Tweet.html?id=1" /> : null);',
      filename: 'V.tsx',
      errors: [{ messageId: 'wrongCategory', line: 1, column: 64, message: 'needs marketing consent' }],
    },
    {
      name: 'Google Fonts link in JSX',
      code: 'export const Head = () => <head><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter" /></head>;',
      filename: 'Head.tsx',
      errors: [{ messageId: 'fontNotSelfHosted', line: 1, column: 56 }],
    },
    {
      name: 'HTML iframe and font link: on the attribute that carries the URL (issue 14 item 7)',
      code: '<html>\n<head>\n  <link\n    rel="stylesheet"\n    href="https://fonts.googleapis.com/css2?family=Inter">\n</head>\n<body>\n  <iframe src="https://www.facebook.com/plugins/page.php?href=x" width="340"></iframe>\n  <iframe src="https://www.instagram.com/p/ABC/embed"></iframe>\n</body>\n</html>',
      filename: 'index.html',
      errors: [
        { messageId: 'fontNotSelfHosted', line: 5, column: 5, endLine: 5, endColumn: 58 },
        { messageId: 'embedNotGated', line: 8, column: 11, message: 'Facebook social plugins' },
        { messageId: 'embedNotGated', line: 9, column: 11, message: 'Instagram' },
      ],
    },
    {
      name: 'CSS @import, url() and string forms',
      code: "@charset \"utf-8\";\n@import url('https://fonts.googleapis.com/css2?family=Inter');\n@import \"https://fonts.googleapis.com/css2?family=Lora\" screen;\nbody { content: '@import'; }",
      filename: 'styles.css',
      errors: [
        { messageId: 'fontNotSelfHosted', line: 2, column: 1, endLine: 2, endColumn: 63 },
        { messageId: 'fontNotSelfHosted', line: 3, column: 1 },
      ],
    },
  ],
});
