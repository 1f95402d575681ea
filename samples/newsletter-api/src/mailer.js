/** Double opt-in mail through the transactional mail provider's SMTP relay. */
const nodemailer = require('nodemailer');

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  secure: false,
  requireTLS: true,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
});

async function sendConfirmationEmail(email, token) {
  const link = `https://letter.ferncroft.coffee/confirm/${encodeURIComponent(token)}`;
  await transport.sendMail({
    from: 'The Brew Letter <letter@ferncroft.coffee>',
    to: email,
    subject: 'Please confirm your Brew Letter subscription',
    text: `Hello! Confirm your subscription here: ${link}\n\nIf you did not sign up, ignore this email and nothing happens.`,
  });
}

module.exports = { sendConfirmationEmail };
