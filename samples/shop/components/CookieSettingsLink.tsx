'use client';
/** Footer link that reopens the Cookiebot dialog, so withdrawing consent is as easy as giving it. */
import { openConsentSettings } from '@/lib/consent';

export default function CookieSettingsLink() {
  return (
    <a
      href="#cookie-settings"
      className="footer-link"
      onClick={(event) => {
        event.preventDefault();
        openConsentSettings();
      }}
    >
      Cookie settings
    </a>
  );
}
