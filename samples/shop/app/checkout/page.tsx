'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { trackPurchaseConversion } from '@/lib/ads';
import { trackNewsletterSignup } from '@/lib/analytics';

interface PlacedOrder {
  id: string;
  totalCents: number;
  skus: string[];
}

export default function CheckoutPage() {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function placeOrder(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const newsletter = form.get('newsletter') === 'on';

    const response = await fetch('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: form.get('name'),
        email: form.get('email'),
        street: form.get('street'),
        postcode: form.get('postcode'),
        city: form.get('city'),
        country: form.get('country'),
        newsletter,
      }),
    });
    if (!response.ok) {
      setSubmitting(false);
      setError('We could not place your order. Please check your details and try again.');
      return;
    }
    const order = (await response.json()) as PlacedOrder;

    trackPurchaseConversion({ id: order.id, totalCents: order.totalCents, currency: 'EUR' });
    window.fbq('track', 'Purchase', {
      value: order.totalCents / 100,
      currency: 'EUR',
      content_ids: order.skus,
      content_type: 'product',
    });
    if (newsletter) trackNewsletterSignup('checkout');

    router.push(`/checkout/thank-you?order=${encodeURIComponent(order.id)}`);
  }

  return (
    <form className="checkout" onSubmit={placeOrder}>
      <h1>Checkout</h1>
      <fieldset>
        <legend>Delivery address</legend>
        <label>
          Full name
          <input name="name" autoComplete="name" required />
        </label>
        <label>
          Email (for your order confirmation)
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Street and number
          <input name="street" autoComplete="street-address" required />
        </label>
        <label>
          Postcode
          <input name="postcode" autoComplete="postal-code" required />
        </label>
        <label>
          City
          <input name="city" autoComplete="address-level2" required />
        </label>
        <label>
          Country
          <select name="country" autoComplete="country" defaultValue="IE" required>
            <option value="IE">Ireland</option>
            <option value="GB">United Kingdom</option>
            <option value="DE">Germany</option>
            <option value="FR">France</option>
          </select>
        </label>
      </fieldset>

      <label className="newsletter">
        <input type="checkbox" name="newsletter" defaultChecked />
        Send me roast announcements and offers by email (unsubscribe any time)
      </label>

      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={submitting}>
        {submitting ? 'Placing order…' : 'Pay and place order'}
      </button>
    </form>
  );
}
