import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/Providers';

export const metadata: Metadata = {
  title: { default: 'Ferncroft Journal', template: '%s · Ferncroft Journal' },
  description: 'Brew guides, origin trips and roasting notes from Ferncroft Coffee Roasters.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="masthead">
            <a href="/">Ferncroft Journal</a>
          </header>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
