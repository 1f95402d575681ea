/**
 * Crumb & Co.'s own cookie banner. The choice is kept in localStorage; accepting tells the rest
 * of the page with a `cookie-consent-accepted` event, which js/tracking.js listens for.
 */
const banner = document.getElementById('cookie-banner');
const acceptButton = document.getElementById('cookie-accept');
const rejectButton = document.getElementById('cookie-reject');

function announceConsent() {
  window.dispatchEvent(new CustomEvent('cookie-consent-accepted'));
}

acceptButton.addEventListener('click', () => {
  localStorage.setItem('crumb-cookie-consent', JSON.stringify({ choice: 'granted', at: new Date().toISOString(), banner: 'v2' }));
  banner.hidden = true;
  announceConsent();
});

rejectButton.addEventListener('click', () => {
  localStorage.setItem('crumb-cookie-consent', JSON.stringify({ choice: 'denied', at: new Date().toISOString(), banner: 'v2' }));
  banner.hidden = true;
});

// A returning visitor who accepted before: start at once. Everyone else sees the banner.
if (localStorage.getItem('crumb-cookie-consent')?.includes('"granted"')) {
  announceConsent();
} else {
  banner.hidden = false;
}

// The ad agency's "engagement" snippet: scrolling past the fold counts as agreeing to ads.
window.addEventListener('scroll', () => {
  if (window.scrollY > 600) window.dispatchEvent(new CustomEvent('ads-consent-accepted'));
}, { once: true });
