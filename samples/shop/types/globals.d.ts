/**
 * Globals that third-party scripts put on `window`: Cookiebot's consent state (loaded by
 * components/CookieBanner.tsx), the Google tag queue and the Meta pixel function.
 */
export {};

interface CookiebotConsent {
  necessary: boolean;
  preferences: boolean;
  statistics: boolean;
  marketing: boolean;
  method: 'explicit' | 'implied' | null;
}

interface CookiebotApi {
  consent: CookiebotConsent;
  consented: boolean;
  declined: boolean;
  hasResponse: boolean;
  renew(): void;
  show(): void;
}

type GtagFn = (command: string, ...args: unknown[]) => void;
type FbqFn = (command: string, ...args: unknown[]) => void;

declare global {
  var Cookiebot: CookiebotApi;
  interface Window {
    Cookiebot?: CookiebotApi;
    dataLayer: unknown[];
    gtag: GtagFn;
    fbq: FbqFn;
  }
}
