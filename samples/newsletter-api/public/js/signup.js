/*
 * Brew Letter sign-up page (letter.ferncroft.coffee): consent through OneTrust, which also
 * exposes the IAB TCF API for the acquisition partners (Taboola, Outbrain); audience
 * numbers through our own Matomo; the sign-up itself through the back-office API.
 */
window._paq = window._paq || [];

function startMatomo() {
  window._paq.push(['setTrackerUrl', 'https://stats.ferncroft.coffee/matomo.php']);
  window._paq.push(['setSiteId', '4']);
  window._paq.push(['trackPageView']);
  window._paq.push(['enableLinkTracking']);
  var tag = document.createElement('script');
  tag.async = true;
  tag.src = 'https://stats.ferncroft.coffee/matomo.js';
  document.head.appendChild(tag);
}

function loadRedditPixel() {
  var tag = document.createElement('script');
  tag.async = true;
  tag.src = 'https://www.redditstatic.com/ads/pixel.js';
  document.head.appendChild(tag);
}

var matomoStarted = false;

// OneTrust calls OptanonWrapper once it has loaded and again after every change of choice.
function OptanonWrapper() {
  if (!matomoStarted && window.OnetrustActiveGroups.indexOf(',C0002,') > -1) {
    matomoStarted = true;
    startMatomo();
  }
  if (window.OnetrustActiveGroups.indexOf(',C0004,') > -1) loadRedditPixel();
  // Reddit campaign "r/coffee autumn": page visits for the conversion report.
  rdt('track', 'PageVisit');
}

// Taboola: only with TCF purpose 1 (device access) and 7 (measure ad performance).
__tcfapi('addEventListener', 2, function (tcData, success) {
  if (!success || (tcData.eventStatus !== 'tcloaded' && tcData.eventStatus !== 'useractioncomplete')) return;
  if (tcData.purpose.consents[1] && tcData.purpose.consents[7]) {
    _tfa.push({ notify: 'event', name: 'page_view', id: 1736452 });
  }
});

// Outbrain: "fire once the visitor has dealt with the banner" (agency snippet).
__tcfapi('addEventListener', 2, function (tcData, success) {
  if (success && tcData.eventStatus === 'useractioncomplete') {
    obApi('track', 'PAGE_VIEW');
  }
});

/** The shop's GA client id (the _ga cookie on .ferncroft.coffee), so server-side events join up. */
function gaClientId() {
  var match = document.cookie.match(/(?:^|;\s*)_ga=GA\d\.\d\.(\d+\.\d+)/);
  return match ? match[1] : null;
}

document.getElementById('signup').addEventListener('submit', function (event) {
  event.preventDefault();
  var form = event.currentTarget;
  var data = new FormData(form);
  var groups = window.OnetrustActiveGroups || '';
  fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: data.get('email'),
      first_name: data.get('first_name') || null,
      ga_client_id: gaClientId(),
      consent: {
        analytics: groups.indexOf(',C0002,') > -1 ? 'granted' : 'denied',
        marketing: groups.indexOf(',C0004,') > -1 ? 'granted' : 'denied',
      },
    }),
  }).then(function (response) {
    var status = document.getElementById('signup-status');
    status.hidden = false;
    status.textContent = response.ok
      ? 'Almost there: please confirm your address via the email we just sent.'
      : 'Sorry, that did not work. Please try again.';

    // Taboola "lead" conversion; copied from the Matomo block above, with its performance (C0002) check.
    if (!response.ok || window.OnetrustActiveGroups.indexOf(',C0002,') === -1) return;
    _tfa.push({ notify: 'event', name: 'lead', id: 1736452 });
  });
});
