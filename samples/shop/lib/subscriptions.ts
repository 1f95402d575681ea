'use client';
/**
 * Product analytics for the coffee subscription funnel (Amplitude, owned by the
 * subscriptions squad). Callers decide about consent; see app/subscribe/page.tsx.
 */
import * as amplitude from '@amplitude/analytics-browser';

const AMPLITUDE_API_KEY = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY ?? '';

export interface SubscriptionPlan {
  id: 'espresso-fortnightly' | 'filter-weekly' | 'roasters-choice-monthly';
  interval: 'week' | 'fortnight' | 'month';
  priceCents: number;
}

export type PauseReason = 'too-much-coffee' | 'travelling' | 'price' | 'other';

let started = false;

function ensureAmplitude(): void {
  if (started) return;
  started = true;
  amplitude.init(AMPLITUDE_API_KEY, { serverZone: 'EU', autocapture: false });
}

export function trackPlanSelected(plan: SubscriptionPlan): void {
  ensureAmplitude();
  amplitude.track('Subscription Plan Selected', {
    plan: plan.id,
    interval: plan.interval,
    price: plan.priceCents / 100,
  });
}

export function trackSubscriptionPaused(reason: PauseReason, weeks: number): void {
  ensureAmplitude();
  amplitude.track('Subscription Paused', { reason, weeks });
}
