import Stripe from 'stripe';

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function createBillingCustomer(email: string, name: string) {
  return stripe.customers.create({ email, name });
}

export async function eraseBillingCustomer(stripeCustomerId: string) {
  await stripe.customers.del(stripeCustomerId);
}
