'use client';
/**
 * Tags rendered in the root layout: the marketing team's Google Tag Manager container,
 * Vercel Web Analytics, the Meta pixel base code and the campaign pixels the agencies asked for.
 */
import Script from 'next/script';
import { GoogleAnalytics, GoogleTagManager } from '@next/third-parties/google';
import { Analytics } from '@vercel/analytics/react';
import { ConsentGate } from '@/components/ConsentGate';
import { useConsent } from '@/lib/consent';

const GTM_ID = process.env.NEXT_PUBLIC_GTM_ID ?? '';
const GA4_ID = process.env.NEXT_PUBLIC_GA_ID ?? '';
const META_PIXEL_ID = process.env.NEXT_PUBLIC_META_PIXEL_ID ?? '';
const TIKTOK_PIXEL_ID = process.env.NEXT_PUBLIC_TIKTOK_PIXEL_ID ?? '';

/** Meta pixel base code, the way Meta's setup guide pastes it, once marketing consent is given. */
function MetaPixelBase() {
  const { marketing } = useConsent();
  if (!marketing) return null;
  return (
    <Script id="meta-pixel" strategy="afterInteractive">{`
      !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
      n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
      n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
      t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
      document,'script','https://connect.facebook.net/en_US/fbevents.js');
      fbq('init', '${META_PIXEL_ID}');
      fbq('track', 'PageView');
    `}</Script>
  );
}

export default function ThirdPartyTags() {
  const { statistics, marketing } = useConsent();

  return (
    <>
      <ConsentGate purpose="statistics">
        <GoogleTagManager gtmId={GTM_ID} />
      </ConsentGate>
      {statistics && <Analytics />}
      <MetaPixelBase />
      {marketing && <Script id="pinterest-tag" src="https://s.pinimg.com/ct/core.js" strategy="lazyOnload" />}
      {/* Reddit and Microsoft Ads pixels, added by the agency next to the analytics tags. */}
      {statistics && <Script id="reddit-pixel" src="https://www.redditstatic.com/ads/pixel.js" strategy="lazyOnload" />}
      <ConsentGate purpose="statistics">
        <Script id="microsoft-uet" src="https://bat.bing.com/bat.js" strategy="lazyOnload" />
      </ConsentGate>
      {/* SEO agency, March: "GA4 needs to be on every page for the Search Console link". */}
      <GoogleAnalytics gaId={GA4_ID} />
      {/* TikTok campaign "Cold Brew Summer", pasted from TikTok Events Manager. */}
      <Script
        id="tiktok-pixel"
        strategy="afterInteractive"
        dangerouslySetInnerHTML={{
          __html: `
            !function (w, d, t) {
              w.TiktokAnalyticsObject = t; var ttq = w[t] = w[t] || [];
              ttq.methods = ['page', 'track', 'identify', 'load'];
              ttq.setAndDefer = function (o, m) { o[m] = function () { o.push([m].concat([].slice.call(arguments, 0))); }; };
              for (var i = 0; i < ttq.methods.length; i++) ttq.setAndDefer(ttq, ttq.methods[i]);
              ttq.load = function (id) { var s = d.createElement('script'); s.async = true; s.src = 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=' + id; d.head.appendChild(s); };
            }(window, document, 'ttq');
            ttq.load('${TIKTOK_PIXEL_ID}');
            ttq.page();
          `,
        }}
      />
    </>
  );
}
