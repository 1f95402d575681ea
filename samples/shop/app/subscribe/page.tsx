'use client';
import { track } from '@vercel/analytics';
import { useState } from 'react';
import { hasConsent, trackPlanSelected, type SubscriptionPlan } from '@/lib';

const plans: (SubscriptionPlan & { title: string; blurb: string })[] = [
  { id: 'espresso-fortnightly', interval: 'fortnight', priceCents: 1890, title: 'Espresso, every two weeks', blurb: '2 × 250 g, roasted for espresso' },
  { id: 'filter-weekly', interval: 'week', priceCents: 1150, title: 'Filter, every week', blurb: '250 g of this week’s light roast' },
  { id: 'roasters-choice-monthly', interval: 'month', priceCents: 3400, title: 'Roaster’s choice, monthly', blurb: '3 × 250 g, whatever excites us most' },
];

export default function SubscribePage() {
  const [selected, setSelected] = useState<SubscriptionPlan['id'] | null>(null);

  function choosePlan(plan: SubscriptionPlan) {
    setSelected(plan.id);
    if (!hasConsent('statistics') || selected === plan.id) return;
    trackPlanSelected(plan);
    track('Plan Selected', { plan: plan.id });
  }

  return (
    <section className="subscribe">
      <h1>Never run out of good coffee</h1>
      <ul className="plans">
        {plans.map((plan) => (
          <li key={plan.id} aria-selected={selected === plan.id}>
            <h2>{plan.title}</h2>
            <p>{plan.blurb}</p>
            <button type="button" onClick={() => choosePlan(plan)}>
              Choose · €{(plan.priceCents / 100).toFixed(2)}
            </button>
          </li>
        ))}
      </ul>
      <a href="/checkout?subscription=1">Continue to checkout</a>
    </section>
  );
}
