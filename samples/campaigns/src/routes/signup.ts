/**
 * Customer sign-up: creates the account and tells the analytics tools about the new customer.
 */
import type { Request, Response } from 'express';
import { PostHog } from 'posthog-node';
import { identifyCustomer, trackEvent } from '../lib/analytics';

const posthog = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://eu.i.posthog.com' });

interface SignupBody {
  email: string;
  phone?: string;
  firstName: string;
  emailEnabled: boolean;
}

export async function signup(req: Request, res: Response): Promise<void> {
  const body = req.body as SignupBody;
  const customer = await createCustomer(body);

  identifyCustomer(customer.id, {
    email: customer.email,
    phone: customer.phone,
    plan: 'basic',
  });
  trackEvent(customer.id, 'Signed Up');

  // notification settings only: names about email, not an email address
  posthog.capture({ distinctId: customer.id, event: 'settings_saved', properties: { emailEnabled: body.emailEnabled } });

  res.status(201).json({ id: customer.id });
}

async function createCustomer(body: SignupBody): Promise<{ id: string; email: string; phone?: string }> {
  return { id: `c_${Date.now()}`, email: body.email, phone: body.phone };
}
