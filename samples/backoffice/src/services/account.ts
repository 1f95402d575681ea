import { prisma } from '../db';
import { eraseBillingCustomer } from '../billing';
import { forgetSubscriber } from '../newsletter';
import { forgetContact } from '../crm';
import { forgetPerson } from '../analytics';
import { removeFromAudience } from '../jobs/audience-sync';
import { sendGoodbye } from '../mailer';

/** The self-service "delete my account" path: every processor is told. */
export async function deleteAccount(userId: string) {
  const user = await prisma.user.delete({ where: { id: userId } });
  if (user.stripeCustomerId) await eraseBillingCustomer(user.stripeCustomerId);
  await forgetSubscriber(user.email);
  await forgetContact(user.email);
  await forgetPerson(user.id);
  await removeFromAudience(user.email);
  await sendGoodbye(user.email);
}
