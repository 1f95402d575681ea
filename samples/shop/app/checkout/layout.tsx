import type { ReactNode } from 'react';
import CheckoutResearch from '@/components/CheckoutResearch';

export default function CheckoutLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <CheckoutResearch />
      {children}
    </>
  );
}
