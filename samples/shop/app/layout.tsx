import type { Metadata } from 'next';
import { Fraunces, Inter } from 'next/font/google';
import type { ReactNode } from 'react';
import AnalyticsProvider from '@/components/AnalyticsProvider';
import CookieBanner from '@/components/CookieBanner';
import CookieSettingsLink from '@/components/CookieSettingsLink';
import ThirdPartyTags from '@/components/ThirdPartyTags';
import './globals.css';

// Downloaded at build time and served from our own domain: no request to Google.
const inter = Inter({ subsets: ['latin'], variable: '--font-body', display: 'swap' });
const fraunces = Fraunces({ subsets: ['latin'], variable: '--font-display', weight: ['600'] });

export const metadata: Metadata = {
  title: { default: 'Ferncroft Coffee Roasters', template: '%s · Ferncroft Coffee' },
  description: 'Small-batch speciality coffee, roasted in Dublin every Tuesday.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${inter.variable} ${fraunces.variable}`}>
      <body>
        <CookieBanner />
        <ThirdPartyTags />
        <header className="site-header">
          <a href="/" className="logo">
            Ferncroft
          </a>
          <nav>
            <a href="/#beans">Beans</a>
            <a href="/#visit-us">Visit us</a>
            <a href="/checkout">Cart</a>
          </nav>
        </header>
        <AnalyticsProvider>
          <main>{children}</main>
        </AnalyticsProvider>
        <footer className="site-footer">
          <a href="/privacy">Privacy</a>
          <a href="/imprint">Imprint</a>
          <CookieSettingsLink />
        </footer>
      </body>
    </html>
  );
}
