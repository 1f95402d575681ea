'use client';
/** Renders its children only once the visitor agreed to `purpose` in Cookiebot. */
import type { ReactNode } from 'react';
import { hasConsent, useConsentRefresh, type ConsentPurpose } from '@/lib/consent';

export function ConsentGate({ purpose, children }: { purpose: ConsentPurpose; children: ReactNode }) {
  useConsentRefresh();
  return hasConsent(purpose) ? <>{children}</> : null;
}
