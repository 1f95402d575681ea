import nodemailer from 'nodemailer';

const SMTP_HOST = process.env.SMTP_HOST ?? 'smtp.ferncroft-mail.com';

// Transactional mail (order confirmations, password resets).
export const mailer = nodemailer.createTransport({
  host: SMTP_HOST,
  port: Number(process.env.SMTP_PORT) || 587,
  secure: false,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

// Local development: MailHog in docker-compose.
export const devMailer = nodemailer.createTransport({ host: 'mailhog', port: 1025, secure: false });

export function sendGoodbye(email: string) {
  return mailer.sendMail({ from: 'hello@ferncroft.example', to: email, subject: 'Your account is deleted', text: 'Sorry to see you go.' });
}
