import { runRuleTests } from '../testing/rule-tester';
import { rule } from './insecure-email-transport';

const NM = "import nodemailer from 'nodemailer';\n";

runRuleTests(rule, {
  valid: [
    // STARTTLS required on 587
    `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 587, secure: false, requireTLS: true });`,
    // implicit TLS
    `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 465, secure: true });`,
    // port 465 without secure: nodemailer defaults to implicit TLS
    `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 465 });`,
    // smtps URL
    `${NM}export const t = nodemailer.createTransport('smtps://u:p@smtp.provider.com');`,
    // smtp URL that requires TLS
    `${NM}export const t = nodemailer.createTransport('smtp://u:p@smtp.provider.com:587?requireTLS=true');`,
    // local catcher, MailHog in docker
    `${NM}export const t = nodemailer.createTransport({ host: 'localhost', port: 1025, secure: false, ignoreTLS: true });`,
    `${NM}export const t = nodemailer.createTransport({ host: 'mailhog', port: 1025 });`,
    `${NM}export const t = nodemailer.createTransport('smtp://127.0.0.1:1025');`,
    // no host: nodemailer connects to localhost
    `${NM}export const t = nodemailer.createTransport({ port: 25 });`,
    // a well-known service preset brings its own TLS settings
    `${NM}export const t = nodemailer.createTransport({ service: 'gmail', auth: { user: 'a', pass: 'b' } });`,
    // environment decides: unknown, not reported
    `${NM}export const t = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT) || 587, secure: process.env.SMTP_SECURE === 'true' });`,
    // options spread from elsewhere: unknown
    `${NM}import { base } from './config';\nexport const t = nodemailer.createTransport({ ...base, host: 'smtp.provider.com' });`,
    // a local createTransport that is not nodemailer's
    "function createTransport(o: object) { return o; }\nexport const t = createTransport({ host: 'smtp.provider.com', secure: false });",
    // an object that merely has the same keys
    "export const settings = { host: 'smtp.provider.com', port: 587, secure: false, ignoreTLS: true };",
    // https, localhost over http
    "export const r = () => fetch('https://api.provider.com/users', { method: 'POST', body: JSON.stringify({ email: 'a' }) });",
    "export const r = () => fetch('http://localhost:3000/api/users', { method: 'POST' });",
    "export const r = () => fetch('http://127.0.0.1:8080/x');",
    // internal service names and private addresses are not reported by default
    "import axios from 'axios';\nexport const r = () => axios.post('http://users-service:8080/sync', { email: 'a' });",
    "export const r = () => fetch('http://10.0.3.4/api');",
    // allowed host by option
    {
      code: "export const r = () => fetch('http://gateway.corp.example.org/api', { method: 'POST' });",
      config: { rules: { 'insecure-email-transport': ['error', { allowHttpHosts: ['.corp.example.org'] }] } },
    },
    // opportunistic reporting switched off
    {
      code: `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 587 });`,
      config: { rules: { 'insecure-email-transport': ['error', { reportOpportunisticTls: false }] } },
    },
    // emailjs with STARTTLS
    "import { SMTPClient } from 'emailjs';\nexport const c = new SMTPClient({ host: 'smtp.provider.com', tls: true });",
    // German: Versand über TLS erzwungen
    "const nodemailer = require('nodemailer');\nconst versand = nodemailer.createTransport({ host: 'mail.versandhaus.de', port: 587, requireTLS: true });\nmodule.exports = { versand };",
  ],
  invalid: [
    {
      name: 'ignoreTLS: error, fix replaces it by requireTLS',
      code: `${NM}export const t = nodemailer.createTransport({\n  host: 'smtp.provider.com',\n  port: 587,\n  ignoreTLS: true,\n});`,
      errors: [{ messageId: 'ignoreTls', line: 5, column: 3, endColumn: 18, severity: 'error', confidence: 'high' }],
      output: `${NM}export const t = nodemailer.createTransport({\n  host: 'smtp.provider.com',\n  port: 587,\n  requireTLS: true,\n});`,
    },
    {
      name: 'secure: false on 587 without requireTLS: warning at medium confidence, fix adds requireTLS',
      code: `${NM}export const t = nodemailer.createTransport({\n  host: 'smtp.provider.com',\n  port: 587,\n  secure: false,\n});`,
      errors: [{ messageId: 'opportunisticTls', line: 5, column: 3, severity: 'warning', confidence: 'medium', message: 'only if the server offers it' }],
      output: `${NM}export const t = nodemailer.createTransport({\n  host: 'smtp.provider.com',\n  port: 587,\n  secure: false,\n  requireTLS: true,\n});`,
    },
    {
      name: 'no secure option on a single-line object: the fix appends the property',
      code: `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 587 });`,
      errors: [{ messageId: 'opportunisticTls', line: 2, column: 18 }],
      output: `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 587, requireTLS: true });`,
    },
    {
      name: 'options in a const, port from the environment with a fallback',
      code: `${NM}const options = {\n  host: 'smtp.provider.com',\n  port: Number(process.env.SMTP_PORT) || 587,\n  secure: false,\n};\nexport const t = nodemailer.createTransport(options);`,
      errors: [{ messageId: 'opportunisticTls', line: 5, column: 3 }],
      output: `${NM}const options = {\n  host: 'smtp.provider.com',\n  port: Number(process.env.SMTP_PORT) || 587,\n  secure: false,\n  requireTLS: true,\n};\nexport const t = nodemailer.createTransport(options);`,
    },
    {
      name: 'certificate checks off, even with implicit TLS',
      code: `${NM}export const t = nodemailer.createTransport({ host: 'smtp.provider.com', port: 465, secure: true, tls: { rejectUnauthorized: false } });`,
      errors: [{ messageId: 'tlsUnverified', line: 2, column: 106, severity: 'error' }],
      output: null,
    },
    {
      name: 'smtp:// URL (German names), medium',
      code: "const nodemailer = require('nodemailer');\nconst kundenMailer = nodemailer.createTransport('smtp://versand:geheim@mail.versandhaus.de:587');\nmodule.exports = { kundenMailer };",
      filename: 'versand.js',
      errors: [{ messageId: 'smtpUrl', line: 2, column: 49, severity: 'warning', confidence: 'medium' }],
      output: null,
    },
    {
      name: 'smtp URL as fallback of an environment variable',
      code: `${NM}export const t = nodemailer.createTransport(process.env.SMTP_URL ?? 'smtp://mail.provider.com:587');`,
      errors: [{ messageId: 'smtpUrl', line: 2, column: 45 }],
      output: null,
    },
    {
      name: 'named import of createTransport, nodemailer-smtp-transport',
      code: "import { createTransport } from 'nodemailer';\nimport smtpTransport from 'nodemailer-smtp-transport';\nexport const a = createTransport({ host: 'smtp.provider.com', ignoreTLS: true });\nexport const b = createTransport(smtpTransport({ host: 'smtp.provider.com', port: 25, secure: false }));",
      errors: [
        { messageId: 'ignoreTls', line: 3, column: 63 },
        { messageId: 'opportunisticTls', line: 4, column: 87 },
      ],
      output: "import { createTransport } from 'nodemailer';\nimport smtpTransport from 'nodemailer-smtp-transport';\nexport const a = createTransport({ host: 'smtp.provider.com', requireTLS: true });\nexport const b = createTransport(smtpTransport({ host: 'smtp.provider.com', port: 25, secure: false, requireTLS: true }));",
    },
    {
      name: 'Nest MailerModule transport',
      code: "import { MailerModule } from '@nestjs-modules/mailer';\nexport const mail = MailerModule.forRoot({ transport: { host: 'smtp.provider.com', port: 587, secure: false } });",
      errors: [{ messageId: 'opportunisticTls', line: 2, column: 95 }],
      output: "import { MailerModule } from '@nestjs-modules/mailer';\nexport const mail = MailerModule.forRoot({ transport: { host: 'smtp.provider.com', port: 587, secure: false, requireTLS: true } });",
    },
    {
      name: 'emailjs without ssl or tls',
      code: "import { SMTPClient } from 'emailjs';\nexport const c = new SMTPClient({ host: 'smtp.provider.com', user: 'u', password: 'p' });",
      errors: [{ messageId: 'opportunisticTls', line: 2, column: 18 }],
      output: null,
    },
    {
      name: 'process-wide certificate checks off, HTTPS agent without checks',
      code: "import https from 'https';\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport const agent = new https.Agent({ rejectUnauthorized: false });",
      errors: [
        { messageId: 'tlsUnverified', line: 2, column: 1 },
        { messageId: 'tlsUnverified', line: 3, column: 40 },
      ],
      output: null,
    },
    {
      name: 'customer data to an http:// endpoint: info, fix to https',
      code: "export async function syncKunde(kunde: { email: string }) {\n  await fetch('http://crm.partner-agentur.de/api/kunden', { method: 'POST', body: JSON.stringify({ email: kunde.email }) });\n}",
      errors: [{ messageId: 'plainHttpPersonalData', line: 2, column: 9, severity: 'error', message: 'personal data (`email`) over plain HTTP to crm.partner-agentur.de' }],
      output: "export async function syncKunde(kunde: { email: string }) {\n  await fetch('https://crm.partner-agentur.de/api/kunden', { method: 'POST', body: JSON.stringify({ email: kunde.email }) });\n}",
    },
    {
      name: 'axios with a query string built by +',
      code: "import axios from 'axios';\nexport const r = (email: string) => axios.get('http://api.lead-scoring.com/score?email=' + email);",
      errors: [{ messageId: 'plainHttpPersonalData', line: 2, column: 37, message: '`email`' }],
      output: "import axios from 'axios';\nexport const r = (email: string) => axios.get('https://api.lead-scoring.com/score?email=' + email);",
    },
    {
      name: 'no personal data in the request (the classifier knows none of its keys): info',
      code: "export const ping = (orderId: string) => fetch('http://status.partner-roastery.de/orders', { method: 'POST', body: JSON.stringify({ orderId, emailTemplate: 'x' }) });",
      errors: [{ messageId: 'plainHttp', line: 1, column: 42, severity: 'info' }],
      output: "export const ping = (orderId: string) => fetch('https://status.partner-roastery.de/orders', { method: 'POST', body: JSON.stringify({ orderId, emailTemplate: 'x' }) });",
    },
    {
      name: 'private address reported when asked to',
      code: "export const r = () => fetch('http://10.0.3.4/api');",
      config: { rules: { 'insecure-email-transport': ['error', { reportInternalHttp: true }] } },
      errors: [{ messageId: 'plainHttp' }],
      output: "export const r = () => fetch('https://10.0.3.4/api');",
    },
  ],
});
