/**
 * Analytics and ads, started by the banner's events (js/banner.js).
 */
import { posthog } from './posthog.js';

window.dataLayer = window.dataLayer || [];
function gtag() {
  dataLayer.push(arguments);
}

window.addEventListener('cookie-consent-accepted', () => {
  const tag = document.createElement('script');
  tag.async = true;
  tag.src = 'https://www.googletagmanager.com/gtag/js?id=G-CRUMB01';
  document.head.appendChild(tag);
  gtag('js', new Date());
  gtag('config', 'G-CRUMB01');
  posthog.capture('cookie_consent_accepted');
});

window.addEventListener('ads-consent-accepted', () => {
  const pixel = document.createElement('script');
  pixel.async = true;
  pixel.src = 'https://connect.facebook.net/en_US/fbevents.js';
  document.head.appendChild(pixel);
});
