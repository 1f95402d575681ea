/**
 * third-party-embed-without-consent: an iframe, font stylesheet or CSS import of a third
 * party (YouTube, Google Maps, Google Fonts, social plugins) that loads with the page and so
 * hands the visitor's IP address (and often cookies) to the provider before any choice.
 */
import { createRule } from '../rule';
import type { Fix } from '../model';
import type { EmbedFact } from '../facts/types';
import { CATEGORY_LABEL, checkExpression } from './tracking-without-consent';

/** Options of `third-party-embed-without-consent`. */
export interface Options {
  /** Embed ids from the catalogue never reported (`google-fonts`, `youtube`, …). */
  ignoreEmbeds: string[];
}

export type MessageIds = 'embedNotGated' | 'fontNotSelfHosted' | 'wrongCategory';

const FORM_LABEL: Record<EmbedFact['form'], string> = {
  iframe: 'iframe',
  stylesheet: 'stylesheet link',
  'css-import': 'CSS @import',
};

export const rule = createRule<Options, MessageIds>({
  id: 'third-party-embed-without-consent',
  meta: {
    title: 'Disallow third-party embeds and fonts that load before the visitor consents',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 6(1) GDPR', gist: 'Sending the visitor’s IP address to a third party needs a legal basis; for embeds that are not needed to show the page, that is consent.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e1888-1-1' },
      { ref: 'Art. 5(3) ePrivacy Directive', gist: 'Embedded players and social plugins store and read cookies on the visitor’s device, which needs prior consent.', url: 'https://eur-lex.europa.eu/eli/dir/2002/58/oj' },
      { ref: 'CJEU C-40/17 Fashion ID', gist: 'The site that embeds third-party content is joint controller for the collection and transmission of the visitor’s data.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-40/17' },
      { ref: 'LG München I, 20 Jan 2022, 3 O 17493/20', gist: 'Loading Google Fonts from Google’s servers without consent passes the IP address to Google unlawfully.' },
    ],
    messages: {
      embedNotGated: {
        text: '{{embed}} {{form}} loads with the page, before the visitor consents to {{category}} cookies.',
        why: 'Loading the embed sends the visitor’s IP address (and often cookies) to {{embed}} before any choice; the site is responsible for that transfer (Art. 6(1) GDPR, CJEU Fashion ID).',
        fix: '{{alternative}} For example render it only behind `{{check}}`.',
      },
      wrongCategory: {
        text: '{{embed}} {{form}} is only behind a check for {{found}} consent, but it needs {{category}} consent.',
        why: 'Consent is given per purpose: agreeing to {{found}} cookies does not allow {{embed}} to receive the visitor’s data (Art. 4(11), 6(1)(a) GDPR).',
        fix: 'Check {{category}} consent before it loads, e.g. `{{check}}`.',
      },
      fontNotSelfHosted: {
        text: '{{embed}} {{form}} fetches fonts from Google’s servers at page load.',
        why: 'Every page view sends the visitor’s IP address to Google without consent or need; a German court awarded damages for exactly this (LG München I, 3 O 17493/20).',
        fix: '{{alternative}}',
      },
    },
    schema: {
      type: 'object',
      properties: {
        ignoreEmbeds: {
          type: 'array',
          items: { type: 'string' },
          description: 'Embed ids from the embed catalogue (`youtube`, `youtube-nocookie`, `vimeo`, `google-maps`, `google-fonts`, `twitter`, `facebook-plugins`, `instagram`) never reported by this rule.',
        },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: true,
    description:
      'Reports iframes of catalogued embed providers (YouTube, youtube-nocookie, Vimeo, Google Maps, X/Twitter, Facebook social plugins, Instagram) in JSX and HTML that are not rendered behind a consent check for the purpose the provider needs, and Google Fonts loaded from fonts.googleapis.com / fonts.gstatic.com by a `<link>` (HTML or JSX) or a CSS `@import`. The consent checks recognised are the same as for `tracking-without-consent` (consent tool APIs, the team’s functions, hooks and components, consent-tool blocking markup). An explicit click-to-load placeholder counts too, written as `cond && <iframe/>`, `cond ? … : …` or an early `if (!cond) return <placeholder/>`: state that starts `false` (`useState(false)`) and is only set by a user action, that is a click, press or key handler (`onClick`, `onKeyDown` for Enter/Space) of any control, or a change or submit handler of a control whose words (text, `aria-label`, `title`, its `<label>`) name the provider (“Google Maps laden”); handlers are followed by binding (a function declared in the component, a `const` arrow, a `useCallback`, a handler called from another handler), and any call from an effect, timer, observer or promise disqualifies the state. A viewport or lazy-load flag (`isInView && <iframe …/>`, `loading="lazy"`) does not: the embed still loads without a choice. The finding sits on the attribute that carries the provider URL (`src`, `href`); a `creepyline-disable-next-line` comment above a multi-line element still suppresses it. `next/font/google` is not reported, since it downloads the font at build time and serves it from your own domain. For `youtube.com/embed` a suggestion switches to the privacy-enhanced host `youtube-nocookie.com`; that host still receives the IP address, so the finding stays until the player is gated.',
    whenNotToUse:
      'When a consent tool blocks embeds at runtime by rewriting iframes the code does not show (e.g. Cookiebot’s automatic blocking), or when your data-protection assessment accepts an embed on another legal basis. Prefer `ignoreEmbeds` for a single provider.',
    examples: {
      incorrect: [
        {
          title: 'A YouTube player rendered on page load',
          code: 'export const Video = () => (\n  <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Intro" />\n);\n',
          filename: 'Video.tsx',
        },
        {
          title: 'A map that loads when it scrolls into view (a viewport check is not consent)',
          code: "export function Map({ isInView }: { isInView: boolean }) {\n  return isInView && <iframe src=\"https://www.google.com/maps/embed?pb=!1m18\" title=\"Map\" />;\n}\n",
          filename: 'Map.tsx',
        },
        {
          title: 'Google Fonts linked from Google’s servers',
          code: '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter&display=swap" />\n',
          filename: 'index.html',
        },
        {
          title: 'Google Fonts imported in CSS',
          code: "@import url('https://fonts.googleapis.com/css2?family=Inter&display=swap');\n",
          filename: 'styles.css',
        },
      ],
      correct: [
        {
          title: 'The player only after marketing consent',
          code: "export const Video = () =>\n  window.Cookiebot?.consent.marketing ? <iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"Intro\" /> : <p>Accept marketing cookies to watch.</p>;\n",
          filename: 'Video.tsx',
        },
        {
          title: 'Click to load: the iframe appears only after the visitor asks for it',
          code: "import { useState } from 'react';\n\nexport function Video() {\n  const [play, setPlay] = useState(false);\n  return play ? (\n    <iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"Intro\" />\n  ) : (\n    <button onClick={() => setPlay(true)}>Load the video from YouTube</button>\n  );\n}\n",
          filename: 'Video.tsx',
        },
        {
          title: 'Fonts self-hosted at build time by next/font',
          code: "import { Inter } from 'next/font/google';\n\nexport const inter = Inter({ subsets: ['latin'] });\n",
          filename: 'fonts.ts',
        },
      ],
    },
  },
  defaultOptions: { ignoreEmbeds: [] },
  check(context) {
    const { facts, options } = context;
    for (const embed of facts.embeds) {
      if (embed.gate.gated || options.ignoreEmbeds.includes(embed.embedId)) continue;
      const check = checkExpression(context.config.consent, embed.category);
      const font = embed.embedId === 'google-fonts';
      const data = {
        embed: embed.embedName,
        form: FORM_LABEL[embed.form],
        category: CATEGORY_LABEL[embed.category],
        alternative: embed.alternative,
        check: check.text,
        found: embed.gate.seen.map((s) => s.grants.map((g) => (g === 'any' ? 'general' : CATEGORY_LABEL[g])).join('/')).join(', '),
      };
      const fixes: Fix[] = embed.rewrite
        ? [{ title: `Use the privacy-enhanced host ${embed.rewrite.text} (still sends the IP address; gate the embed as well)`, edits: [{ start: embed.rewrite.span.start, end: embed.rewrite.span.end, text: embed.rewrite.text }], safe: false }]
        : [];
      context.report({
        messageId: font ? 'fontNotSelfHosted' : embed.gate.seen.length ? 'wrongCategory' : 'embedNotGated',
        data,
        // on the attribute that carries the provider URL (a comment above the element still suppresses it)
        start: (embed.anchor ?? embed.span).start,
        end: (embed.anchor ?? embed.span).end,
        ...(embed.anchor ? { ownerStart: embed.span.start } : {}),
        confidence: 'high',
        fixes,
        trace: [`${embed.url.length > 80 ? `${embed.url.slice(0, 77)}...` : embed.url} is ${embed.embedName} (embed catalogue), which needs ${CATEGORY_LABEL[embed.category]} consent.`, ...embed.gate.trace],
      });
    }
  },
});
