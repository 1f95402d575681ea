/**
 * Campaign reporting: newsletter sign-ups and clicks go to GA4 (Measurement Protocol) and to
 * Meta (Conversions API) so the acquisition campaigns can optimise for subscribers.
 */
const crypto = require('node:crypto');
const axios = require('axios');
const { EventRequest, ServerEvent, UserData, CustomData } = require('facebook-nodejs-business-sdk');

const GA4_ENDPOINT =
  `https://www.google-analytics.com/mp/collect?measurement_id=${process.env.GA4_MEASUREMENT_ID}` +
  `&api_secret=${process.env.GA4_API_SECRET}`;
const META_PIXEL_ID = process.env.META_PIXEL_ID;
const META_ACCESS_TOKEN = process.env.META_CAPI_TOKEN;

function sha256(value) {
  return crypto.createHash('sha256').update(value.trim().toLowerCase()).digest('hex');
}

/** GA4 funnel report: a sign-up form was submitted (before the address is confirmed). */
async function reportSignupStarted(subscriber) {
  await axios.post(GA4_ENDPOINT, {
    client_id: subscriber.gaClientId,
    events: [{ name: 'sign_up', params: { method: 'brew_letter', source: subscriber.source } }],
  });
}

/** Meta "Lead" once the address is confirmed, for the subscriber lookalike audience. */
function reportConfirmedLead(subscriber) {
  switch (subscriber.consent.marketing) {
    case 'granted': {
      const userData = new UserData()
        .setEmails([sha256(subscriber.email)])
        .setClientIpAddress(subscriber.signupIp)
        .setClientUserAgent(subscriber.userAgent);
      const event = new ServerEvent()
        .setEventName('Lead')
        .setEventTime(Math.floor(Date.now() / 1000))
        .setUserData(userData)
        .setCustomData(new CustomData().setContentName('Brew Letter'))
        .setActionSource('email');
      return new EventRequest(META_ACCESS_TOKEN, META_PIXEL_ID).setEvents([event]).execute();
    }
    default:
      return Promise.resolve();
  }
}

/** A subscriber clicked through from an issue to the shop. */
async function reportIssueClick(subscriber, issue) {
  if (!subscriber.consent.analytics) return;
  await axios.post(GA4_ENDPOINT, {
    client_id: subscriber.gaClientId,
    events: [{ name: 'newsletter_click', params: { issue: issue.number, link: issue.linkId } }],
  });
  // Retargeting audience "Brew Letter clickers" (performance agency, added in the Q2 sprint).
  await axios.post(`https://graph.facebook.com/v19.0/${META_PIXEL_ID}/events`, {
    access_token: META_ACCESS_TOKEN,
    data: [
      {
        event_name: 'ViewContent',
        event_time: Math.floor(Date.now() / 1000),
        action_source: 'email',
        user_data: { em: [sha256(subscriber.email)] },
        custom_data: { content_name: `Brew Letter #${issue.number}` },
      },
    ],
  });
}

/** Custom "Unsubscribe" event so the agency can exclude former readers from the lookalike audience. */
function reportUnsubscribe(subscriber) {
  const event = new ServerEvent()
    .setEventName('Unsubscribe')
    .setEventTime(Math.floor(Date.now() / 1000))
    .setUserData(new UserData().setEmails([sha256(subscriber.email)]))
    .setActionSource('email');
  return new EventRequest(META_ACCESS_TOKEN, META_PIXEL_ID).setEvents([event]).execute();
}

/** Credits a confirmed sign-up to the ad platform the reader came from (utm_source). */
async function reportCampaignConversion(subscriber) {
  switch (subscriber.source) {
    case 'facebook':
    case 'instagram':
      await axios.post(`https://graph.facebook.com/v19.0/${META_PIXEL_ID}/events`, {
        access_token: META_ACCESS_TOKEN,
        data: [{ event_name: 'CompleteRegistration', event_time: Math.floor(Date.now() / 1000), action_source: 'email', user_data: { em: [sha256(subscriber.email)] } }],
      });
      break;
    default:
      break;
  }
}

module.exports = { reportSignupStarted, reportConfirmedLead, reportIssueClick, reportUnsubscribe, reportCampaignConversion };
