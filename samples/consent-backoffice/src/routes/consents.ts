import { Router } from 'express';
import { CONSENT_TEXT_VERSION, prisma } from '../db';

export const consents = Router();

// The consent log: every grant and withdrawal appended with who, when, which text and how.
consents.post('/consents', async (req, res) => {
  const { customerId, purpose, granted } = req.body as { customerId: string; purpose: string; granted: boolean };
  const entry = await prisma.consentRecord.create({
    data: {
      customerId,
      purpose,
      granted,
      recordedAt: new Date(),
      textVersion: CONSENT_TEXT_VERSION,
      source: 'customer-account',
      ip: req.ip,
      userAgent: req.get('user-agent') ?? '',
    },
  });
  res.status(201).json(entry);
});
