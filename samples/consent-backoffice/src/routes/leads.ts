import { Router } from 'express';
import { prisma } from '../db';

export const leads = Router();

// Sales imports the visitor list from the trade fair: everyone who left a card "agreed".
leads.post('/leads/import', async (req, res) => {
  const rows: { email: string; name: string }[] = req.body.rows;
  for (const row of rows) {
    await prisma.lead.create({
      data: {
        email: row.email,
        name: row.name,
        marketingConsent: true,
      },
    });
  }
  res.json({ imported: rows.length });
});
