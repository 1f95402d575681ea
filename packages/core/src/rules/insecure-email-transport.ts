/**
 * insecure-email-transport: mail (and other personal data) that leaves the server without
 * state-of-the-art transport encryption: nodemailer / emailjs / Nest mailer transports with
 * STARTTLS switched off or only opportunistic, certificate checks switched off, `smtp://` URLs,
 * and requests to `http://` hosts that are not local.
 */
import { createRule } from '../rule';
import type { Fix } from '../model';
import type { MailTransportIssue } from '../facts/types';
import { classifyName } from '../facts/personal-data';

/** Options of `insecure-email-transport`. */
export interface Options {
  /** Report `secure: false` / `smtp://` without `requireTLS` (opportunistic STARTTLS). Default true. */
  reportOpportunisticTls: boolean;
  /** Hosts (exact, or `.example.com` for subdomains) whose plain-HTTP requests are not reported (an internal gateway). */
  allowHttpHosts: string[];
  /** Report plain-HTTP requests to private addresses and single-label hosts (container names). Default false. */
  reportInternalHttp: boolean;
}

export type MessageIds = 'ignoreTls' | 'tlsUnverified' | 'opportunisticTls' | 'smtpUrl' | 'plainHttp' | 'plainHttpPersonalData';

const MESSAGE: Record<MailTransportIssue['kind'], Exclude<MessageIds, 'plainHttp' | 'plainHttpPersonalData'>> = {
  'ignore-tls': 'ignoreTls',
  'tls-unverified': 'tlsUnverified',
  'opportunistic-tls': 'opportunisticTls',
  'smtp-url': 'smtpUrl',
};

export const rule = createRule<Options, MessageIds>({
  id: 'insecure-email-transport',
  meta: {
    title: 'Disallow mail transports and requests that send personal data without enforced, verified encryption',
    type: 'problem',
    defaultSeverity: 'error',
    gdpr: [
      { ref: 'Art. 32(1)(a) GDPR', gist: 'Security of processing appropriate to the risk, taking the state of the art into account, including encryption of personal data.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 5(1)(f) GDPR', gist: 'Personal data must be protected against unauthorised access (integrity and confidentiality).', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'DSK Orientierungshilfe E-Mail-Verschlüsselung (2021)', gist: 'German supervisory authorities treat transport encryption (TLS per BSI TR-02102-2) as the mandatory minimum for sending e-mail with personal data.' },
    ],
    messages: {
      ignoreTls: {
        text: 'The {{library}} transport never encrypts: {{evidence}}.',
        why: 'Every mail, with the recipient’s address and whatever it says about them, crosses the network in clear text; Art. 32 GDPR requires state-of-the-art protection and German authorities treat TLS for e-mail as the minimum.',
        fix: 'Remove `ignoreTLS` and set `requireTLS: true` (port 587), or use implicit TLS with `secure: true` (port 465).',
      },
      tlsUnverified: {
        text: 'TLS certificate checks are switched off ({{library}}): {{evidence}}.',
        why: 'Without certificate checks anyone between your server and the mail or API server can pose as it and read the personal data in transit (Art. 32 GDPR).',
        fix: 'Keep `rejectUnauthorized` at its default (true); if the server uses a private CA, pass that CA with `tls.ca` instead.',
      },
      opportunisticTls: {
        text: 'The {{library}} transport encrypts only if the server offers it: {{evidence}}.',
        why: 'Opportunistic STARTTLS can be stripped by an attacker on the path, so the mail may silently go out in clear text; Art. 32 GDPR asks for encryption you can rely on, and German authorities treat enforced TLS as the minimum.',
        fix: 'Add `requireTLS: true` (the transport then refuses to send without STARTTLS), or use `secure: true` on port 465.',
      },
      smtpUrl: {
        text: 'The {{library}} connection URL does not require TLS: {{evidence}}.',
        why: 'An `smtp://` URL starts in clear text and upgrades only when the server offers STARTTLS, which an attacker can suppress; the recipients’ data may travel unencrypted (Art. 32 GDPR).',
        fix: 'Use `smtps://` (implicit TLS, port 465) or add `?requireTLS=true` to the URL.',
      },
      plainHttpPersonalData: {
        text: '{{client}} sends personal data ({{fields}}) over plain HTTP to {{host}}.',
        why: 'Anyone on the network path can read and change {{fields}} on the way to {{host}}; personal data in transit needs encryption (Art. 32 GDPR).',
        fix: 'Call the `https://` address of {{host}}.',
      },
      plainHttp: {
        text: '{{client}} sends {{what}} over plain HTTP to {{host}}.',
        why: 'Anything sent to an `http://` address can be read and changed by anyone on the network path; personal data in transit needs encryption (Art. 32 GDPR).',
        fix: 'Call the `https://` address of {{host}}.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        reportOpportunisticTls: {
          type: 'boolean',
          description: 'Report transports that encrypt only when the server offers STARTTLS (`secure: false` or `smtp://` without `requireTLS`). Default true; these findings are medium confidence (warning).',
        },
        allowHttpHosts: {
          type: 'array',
          items: { type: 'string' },
          description: 'Hosts whose `http://` requests are not reported: an exact host (`gateway.corp.example`) or a suffix starting with a dot (`.corp.example`).',
        },
        reportInternalHttp: {
          type: 'boolean',
          description: 'Also report `http://` requests to private addresses (10.x, 192.168.x, 172.16–31.x) and single-label hosts (container or service names). Default false.',
        },
      },
      additionalProperties: false,
    },
    fixable: true,
    hasSuggestions: true,
    description:
      'Reports mail transports that do not enforce verified transport encryption: nodemailer `createTransport` (and `nodemailer-smtp-transport`, `MailerModule.forRoot({ transport })` of @nestjs-modules/mailer) with `ignoreTLS: true` (error), `tls.rejectUnauthorized: false` (error), `secure: false` or no `secure` on a non-465 port without `requireTLS: true` (warning, medium confidence: nodemailer then upgrades with STARTTLS when the server offers it, so the mail is usually encrypted, but an attacker on the path can strip the offer), and `smtp://` URLs without `requireTLS=true` (medium); emailjs `SMTPClient` without `ssl` or `tls`; `process.env.NODE_TLS_REJECT_UNAUTHORIZED = \'0\'` and HTTPS agents with `rejectUnauthorized: false`; and `fetch` / axios / got / ky requests to `http://` URLs of hosts other than localhost, 127.0.0.1 and ::1 (info, with a fix to `https://`). Option values are followed through `const`s and environment variables with a literal fallback (`Number(process.env.SMTP_PORT) || 587`); a value that depends on the environment alone (`secure: process.env.SMTP_SECURE === \'true\'`) is unknown and not reported. Transports to localhost or a development catcher (MailHog, Mailpit, MailDev) and nodemailer `service` presets are not reported. Implicit TLS (`secure: true`, or port 465 without `secure`) and `requireTLS: true` are fine. Quick fixes: add `requireTLS: true`, replace `ignoreTLS: true` by `requireTLS: true`, switch `http://` to `https://` (suggestions: check that the server supports it).',
    whenNotToUse:
      'When the mail server is reached over an encrypted tunnel or a private network your security concept covers (a local relay that then enforces TLS); set `reportOpportunisticTls` to false if your relay is on the same host network, or list internal HTTP gateways in `allowHttpHosts`.',
    examples: {
      incorrect: [
        {
          title: 'STARTTLS switched off',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport({\n  host: 'smtp.mailprovider.com',\n  port: 587,\n  ignoreTLS: true,\n});\n",
          filename: 'mailer.ts',
        },
        {
          title: 'Certificate checks switched off',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport({\n  host: 'smtp.mailprovider.com',\n  port: 465,\n  secure: true,\n  tls: { rejectUnauthorized: false },\n});\n",
          filename: 'mailer.ts',
        },
        {
          title: 'Port 587 with opportunistic STARTTLS only (warning, medium confidence)',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport({\n  host: 'smtp.mailprovider.com',\n  port: 587,\n  secure: false,\n});\n",
          filename: 'mailer.ts',
        },
        {
          title: 'German naming, same problem: an smtp:// URL without requireTLS',
          code: "const nodemailer = require('nodemailer');\n\nconst kundenMailer = nodemailer.createTransport('smtp://versand:geheim@mail.versandhaus.de:587');\nmodule.exports = { kundenMailer };\n",
          filename: 'versand.js',
        },
      ],
      correct: [
        {
          title: 'STARTTLS required on port 587',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport({\n  host: 'smtp.mailprovider.com',\n  port: 587,\n  secure: false,\n  requireTLS: true,\n});\n",
          filename: 'mailer.ts',
        },
        {
          title: 'Implicit TLS on port 465',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport('smtps://user:pass@smtp.mailprovider.com:465');\n",
          filename: 'mailer.ts',
        },
        {
          title: 'A local development catcher',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport({ host: 'localhost', port: 1025, secure: false });\n",
          filename: 'mailer.ts',
        },
        {
          title: 'TLS decided by the environment only: not reported',
          code: "import nodemailer from 'nodemailer';\n\nexport const mailer = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: process.env.SMTP_SECURE === 'true',\n});\n",
          filename: 'mailer.ts',
        },
      ],
    },
  },
  defaultOptions: { reportOpportunisticTls: true, allowHttpHosts: [], reportInternalHttp: false },
  check(context) {
    const { facts, options } = context;
    const data = facts.dataHandling;
    if (!data) return;
    for (const issue of data.mailIssues) {
      if (!options.reportOpportunisticTls && (issue.kind === 'opportunistic-tls' || issue.kind === 'smtp-url')) continue;
      context.report({
        messageId: MESSAGE[issue.kind],
        data: { library: issue.library, evidence: issue.evidence },
        start: issue.span.start,
        end: issue.span.end,
        confidence: issue.confidence,
        fixes: issue.fix ? [issue.fix] : [],
        trace: [
          `Mail transport of ${issue.library}: ${issue.evidence}.`,
          issue.kind === 'opportunistic-tls' || issue.kind === 'smtp-url'
            ? 'Medium confidence: the connection is encrypted whenever the server offers STARTTLS and nobody interferes; the finding is about the missing guarantee.'
            : 'High confidence: the setting is written in the code.',
        ],
      });
    }
    for (const request of data.plainHttp) {
      if (request.internal && !options.reportInternalHttp) continue;
      if (options.allowHttpHosts.some((h) => (h.startsWith('.') ? request.host.endsWith(h) : request.host === h))) continue;
      const fixes: Fix[] = request.fix ? [{ title: `Use https://${request.host}`, edits: [request.fix], safe: false }] : [];
      // the personal-data classifier (contract 1) decides whether the payload names personal data
      const personal = request.keys.filter((k) => classifyName(k, context.knowledge) !== undefined);
      if (personal.length > 0) {
        context.report({
          messageId: 'plainHttpPersonalData',
          data: { client: request.client, host: request.host, fields: personal.slice(0, 4).map((k) => `\`${k}\``).join(', ') },
          start: request.span.start,
          end: request.span.end,
          confidence: 'high',
          fixes,
          trace: [
            `${request.client} calls ${request.url}, which is neither localhost nor a private address.`,
            `The request carries ${personal.map((k) => `${k} (${classifyName(k, context.knowledge)!.kind})`).join(', ')}, classified as personal data by the vocabulary in knowledge/personal-data.json.`,
          ],
        });
        continue;
      }
      const what = request.keys.length > 0 ? `a request with ${request.keys.slice(0, 4).map((k) => `\`${k}\``).join(', ')}` : 'a request';
      context.report({
        messageId: 'plainHttp',
        data: { client: request.client, host: request.host, what },
        start: request.span.start,
        end: request.span.end,
        confidence: 'high',
        // Until the personal-data classifier tells what the request carries, plain HTTP is reported as information.
        severityCap: 'info',
        fixes,
        trace: [`${request.client} calls ${request.url}, which is neither localhost nor a private address.`],
      });
    }
  },
});
