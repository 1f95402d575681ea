import { Router } from 'express';
import { CONSENT_TEXT_VERSION, prisma } from '../db';

export const preferences = Router();

// Kundenkonto → Einstellungen: Werbeeinwilligung mit Zeitpunkt, Textfassung und Quelle.
preferences.put('/kunden/:id/einwilligung', async (req, res) => {
  const { werbeEinwilligung } = req.body as { werbeEinwilligung: boolean };
  await prisma.customer.update({
    where: { id: req.params.id },
    data: {
      werbeEinwilligung,
      einwilligungAm: new Date(),
      einwilligungsText: CONSENT_TEXT_VERSION,
      einwilligungQuelle: 'kundenkonto',
    },
  });
  res.status(204).end();
});

// Unsubscribe link in every mail: a withdrawal, not a consent claim.
preferences.post('/kunden/:id/abmelden', async (req, res) => {
  await prisma.customer.update({ where: { id: req.params.id }, data: { newsletter: false } });
  res.status(204).end();
});
