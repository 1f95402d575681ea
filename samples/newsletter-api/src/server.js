/** Brew Letter back office: sign-up form API, double opt-in and click redirects. */
const crypto = require('node:crypto');
const path = require('node:path');
const express = require('express');
const db = require('./db');
const { reportSignupStarted, reportConfirmedLead, reportIssueClick, reportUnsubscribe, reportCampaignConversion } = require('./reporting');
const { sendConfirmationEmail } = require('./mailer');

const app = express();
app.use(express.json());
app.use(express.static(path.join(__dirname, '..', 'public')));

app.post('/api/newsletter', async (req, res) => {
  const { email, first_name: firstName, consent } = req.body;
  if (typeof email !== 'string' || !email.includes('@')) return res.status(400).json({ error: 'email' });

  const subscriber = {
    email,
    firstName: firstName || null,
    source: req.query.utm_source || 'direct',
    gaClientId: req.body.ga_client_id || null,
    signupIp: req.ip,
    userAgent: req.get('user-agent'),
    // the OneTrust choice the page sent along: 'granted' | 'denied' per purpose
    consent: { analytics: consent?.analytics === 'granted' ? 'granted' : 'denied', marketing: consent?.marketing === 'granted' ? 'granted' : 'denied' },
  };
  const token = crypto.randomBytes(24).toString('base64url');
  await db.insertPendingSubscriber({ ...subscriber, token });
  await sendConfirmationEmail(email, token);
  await reportSignupStarted(subscriber);
  res.status(202).json({ status: 'pending-confirmation' });
});

app.get('/confirm/:token', async (req, res) => {
  const subscriber = await db.confirmSubscriber(req.params.token);
  if (!subscriber) return res.status(404).send('This confirmation link has expired.');
  await reportConfirmedLead(subscriber);
  await reportCampaignConversion(subscriber);
  res.redirect('https://ferncroft.coffee/brew-letter/welcome');
});

app.get('/r/:subscriberId/:issue/:linkId', async (req, res) => {
  const target = new URL(`https://ferncroft.coffee/l/${encodeURIComponent(req.params.linkId)}`);
  const subscriber = await db.findSubscriber(req.params.subscriberId);
  if (subscriber) await reportIssueClick(subscriber, { number: Number(req.params.issue), linkId: req.params.linkId });
  res.redirect(target.toString());
});

app.post('/unsubscribe/:subscriberId', async (req, res) => {
  const subscriber = await db.unsubscribe(req.params.subscriberId);
  if (subscriber) await reportUnsubscribe(subscriber);
  res.send('You are unsubscribed. Sorry to see you go!');
});

app.listen(Number(process.env.PORT) || 3000);
