import crypto from 'node:crypto';
import { prisma } from '../db';

const AUDIENCE_ID = process.env.META_AUDIENCE_ID;
const sha256 = (value: string) => crypto.createHash('sha256').update(value.trim().toLowerCase()).digest('hex');

/** Nightly: push all customers into the "lookalike seed" custom audience. */
export async function syncCustomerAudience() {
  const customers = await prisma.user.findMany({ select: { email: true } });
  await fetch(`https://graph.facebook.com/v19.0/${AUDIENCE_ID}/users?access_token=${process.env.META_TOKEN}`, {
    method: 'POST',
    body: JSON.stringify({ payload: { schema: ['EMAIL_SHA256'], data: customers.map((c) => [sha256(c.email)]) } }),
  });
}

/** Deleting an account also removes the person from the custom audience. */
export async function removeFromAudience(email: string) {
  await fetch(`https://graph.facebook.com/v19.0/${AUDIENCE_ID}/users?access_token=${process.env.META_TOKEN}`, {
    method: 'DELETE',
    body: JSON.stringify({ payload: { schema: ['EMAIL_SHA256'], data: [[sha256(email)]] } }),
  });
}
