/*
 * Brew Letter landing page: submits the sign-up form without a page reload and reports
 * the sign-up to the tools the visitor agreed to.
 */
(function () {
  'use strict';

  var form = document.getElementById('signup');
  var status = document.getElementById('signup-status');

  function showStatus(message) {
    status.textContent = message;
    status.hidden = false;
  }

  // Meta pixel events only after marketing consent (Cookiebot fires this on every accept).
  window.addEventListener('CookiebotOnAccept', function () {
    if (Cookiebot.consent.marketing) {
      fbq('trackCustom', 'BrewLetterView');
    }
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);

    fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: data.get('email'),
        first_name: data.get('first_name') || null,
        partner_offers: data.get('partner_offers') === 'yes',
      }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        showStatus('Almost there: please confirm your address via the email we just sent.');
        form.reset();

        if (window.Cookiebot && Cookiebot.consent.statistics) {
          gtag('event', 'sign_up', { method: 'brew_letter' });
        }
        hj('event', 'brew_letter_signup');
      })
      .catch(function () {
        showStatus('Sorry, that did not work. Please try again in a moment.');
      });
  });
})();
