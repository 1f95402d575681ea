'use client';
/**
 * Ferncroft's consent API. Cookiebot (loaded by components/CookieBanner.tsx) owns the
 * banner and stores the visitor's choice; everything else asks `hasConsent(purpose)`
 * before it tracks, embeds or personalises.
 */
import { useEffect, useState } from 'react';

/** Cookiebot's purposes, as configured in the Cookiebot admin for ferncroft.coffee. */
export type ConsentPurpose = 'necessary' | 'preferences' | 'statistics' | 'marketing';

/** `true` only when Cookiebot has loaded and the visitor opted in to `purpose`. */
export function hasConsent(purpose: ConsentPurpose): boolean {
  if (typeof window === 'undefined' || !window.Cookiebot) return false;
  if (purpose === 'necessary') return true;
  return window.Cookiebot.consent[purpose] === true;
}

/** Re-renders the calling component whenever the visitor gives, changes or withdraws consent. */
export function useConsentRefresh(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener('CookiebotOnConsentReady', bump);
    window.addEventListener('CookiebotOnDecline', bump);
    return () => {
      window.removeEventListener('CookiebotOnConsentReady', bump);
      window.removeEventListener('CookiebotOnDecline', bump);
    };
  }, []);
  return version;
}

/** Opens the Cookiebot dialog so the visitor can change their choice. */
export function openConsentSettings(): void {
  window.Cookiebot?.renew();
}

/** The visitor's current choice per purpose, refreshed whenever they change it in Cookiebot. */
export function useConsent(): Record<Exclude<ConsentPurpose, 'necessary'>, boolean> {
  useConsentRefresh();
  return {
    preferences: hasConsent('preferences'),
    statistics: hasConsent('statistics'),
    marketing: hasConsent('marketing'),
  };
}
