import { Router } from 'express';
import { body, validationResult } from 'express-validator';
import { prisma } from '../db';

export const webinar = Router();

// Registration for the monthly cupping webinar, posted by the partner site's form (not in this
// repository): what the endpoint accepts is the form.
webinar.post(
  '/webinar/anmeldung',
  [
    body('email').isEmail().normalizeEmail(),
    body('vorname').trim().notEmpty(),
    body('nachname').trim().notEmpty(),
    body('geburtsdatum').isISO8601(),
    body('firma').optional().trim(),
    body('newsletter').default(true).toBoolean(),
  ],
  async (req, res) => {
    const errors = validationResult(req);
    if (!errors.isEmpty()) return res.status(422).json({ errors: errors.array() });
    await prisma.webinarAnmeldung.create({ data: { ...req.body, angemeldetAm: new Date() } });
    res.status(201).end();
  },
);
