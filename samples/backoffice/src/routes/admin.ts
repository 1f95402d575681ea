import { Router } from 'express';
import { prisma } from '../db';
import { stripe } from '../billing';

export const adminRouter = Router();

/** Support deletes a customer on request: database and Stripe only. */
export async function deleteCustomer(customerId: string) {
  const user = await prisma.user.delete({ where: { id: customerId } });
  if (user.stripeCustomerId) await stripe.customers.del(user.stripeCustomerId);
}

/** Closing an account keeps the row for 30 days. */
export async function softDeleteUser(userId: string) {
  await prisma.user.update({ where: { id: userId }, data: { deletedAt: new Date() } });
}

adminRouter.post('/customers/:id/erase', async (req, res) => {
  await deleteCustomer(req.params.id);
  res.sendStatus(204);
});
