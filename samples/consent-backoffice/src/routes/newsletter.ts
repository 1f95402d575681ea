import mailchimp from '@mailchimp/mailchimp_marketing';
import { Router } from 'express';
import { prisma } from '../db';

export const newsletter = Router();

mailchimp.setConfig({ apiKey: process.env.MAILCHIMP_KEY, server: 'us21' });

// Shop sign-up box: the address goes straight onto the list.
newsletter.post('/newsletter', async (req, res) => {
  const { email, customerId } = req.body as { email: string; customerId?: string };
  await mailchimp.lists.addListMember(process.env.MAILCHIMP_LIST!, {
    email_address: email,
    status: 'subscribed',
  });
  if (customerId) {
    await prisma.customer.update({
      where: { id: customerId },
      data: { newsletter: true, newsletterSince: new Date() },
    });
  }
  res.status(204).end();
});
