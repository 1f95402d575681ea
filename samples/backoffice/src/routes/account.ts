import { Router } from 'express';
import { deleteAccount } from '../services/account';
import { createBillingCustomer } from '../billing';
import { subscribe } from '../newsletter';
import { syncContact } from '../crm';
import { enrichSignup } from '../enrichment';
import { prisma } from '../db';

export const accountRouter = Router();

accountRouter.post('/signup', async (req, res) => {
  const { email, name, newsletter } = req.body;
  const customer = await createBillingCustomer(email, name);
  const user = await prisma.user.create({ data: { email, name, stripeCustomerId: customer.id } });
  if (newsletter === true) await subscribe(email);
  const profile = await enrichSignup(email);
  await syncContact(email, name, profile?.company?.name ?? '');
  res.status(201).json({ id: user.id });
});

accountRouter.delete('/account', async (req, res) => {
  await deleteAccount(req.session.userId);
  res.sendStatus(204);
});
