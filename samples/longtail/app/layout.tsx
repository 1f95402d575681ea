import Script from 'next/script';
import type { ReactNode } from 'react';
import './globals.css';
import { PartnerBanner } from '../components/Partners';
import { MarketingScripts } from '../components/MarketingScripts';

export const metadata = {
  title: 'Tidewater Kayaks: guided tours and rentals',
  description: 'Sea kayak rentals and guided tours on the Tidewater coast.',
};

// Live chat used to be tawk.to (https://embed.tawk.to/…); the support team moved to LivePerson.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <link rel="preconnect" href="https://lptag.liveperson.net" />
        <script src="https://cdn.jsdelivr.net/npm/@splidejs/splide@4.1.4/dist/js/splide.min.js" defer />
      </head>
      <body>
        {children}
        <PartnerBanner />
        <MarketingScripts />
        <Script src="https://lptag.liveperson.net/tag/tag.js?site=90412233" strategy="afterInteractive" />
        <Script src="https://cloud.umami.is/script.js" data-website-id="5b6f0d7e-tidewater" strategy="afterInteractive" />
      </body>
    </html>
  );
}
