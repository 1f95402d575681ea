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
    reportSignupConversion();
    reportSignupToLinkedIn();
    // Meta "Lead" for the Brew Letter campaign, as an image pixel so ad blockers' fbq stubs do not drop it.
    new Image().src = 'https://www.facebook.com/tr?id=917354026118452&ev=Lead&noscript=1';
  });

  // Sign-up attribution: Meta with marketing consent, otherwise "at least GA" (marketing ops).
  function reportSignupConversion() {
    if (Cookiebot.consent.marketing) {
      fbq('track', 'CompleteRegistration');
    } else {
      gtag('event', 'generate_lead', { method: 'brew_letter' });
    }
  }

  // LinkedIn conversion for the "office coffee" B2B campaign, counted only with marketing consent.
  function reportSignupToLinkedIn() {
    if (!window.Cookiebot || !Cookiebot.consent.marketing) {
      console.info('LinkedIn conversion skipped: no marketing consent');
    } else {
      new Image().src = 'https://px.ads.linkedin.com/collect/?pid=5829147&conversionId=14773281&fmt=gif';
    }
  }

  // LinkedIn Insight tag for the "office coffee" B2B campaign, loaded once marketing consent is given.
  function loadLinkedInInsight() {
    window._linkedin_data_partner_ids = ['5829147'];
    var tag = document.createElement('script');
    tag.async = true;
    tag.setAttribute('src', 'https://snap.licdn.com/li.lms-analytics/insight.min.js');
    document.head.appendChild(tag);
  }
  window.addEventListener('CookiebotOnAccept', function () {
    if (Cookiebot.consent.marketing) loadLinkedInInsight();
  });

  // Microsoft Clarity recordings for the landing-page A/B test (growth team, ticket GROW-318).
  var clarity = document.createElement('script');
  clarity.async = true;
  clarity.setAttribute('src', 'https://www.clarity.ms/tag/q8m2x4k7ta');
  document.head.appendChild(clarity);
})();
