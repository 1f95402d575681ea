'use client';
import { useState, type FormEvent } from 'react';
import { hasConsent } from '@/lib/consent';
import { trackSubscriptionPaused, type PauseReason } from '@/lib/subscriptions';

export default function ManageSubscriptionPage() {
  const [paused, setPaused] = useState(false);

  async function pauseSubscription(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = form.get('reason') as PauseReason;
    const weeks = Number(form.get('weeks'));

    const response = await fetch('/api/subscription/pause', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason, weeks }),
    });
    if (!response.ok) return;
    setPaused(true);

    // Churn dashboard of the subscriptions squad.
    trackSubscriptionPaused(reason, weeks);
    // Win-back audience for the Meta campaign "Come back to fresh coffee".
    hasConsent('statistics')
      ? window.fbq('trackCustom', 'SubscriptionPaused', { pause_weeks: weeks })
      : undefined;
  }

  if (paused) return <p role="status">Paused. We will send your next bag when you are back.</p>;

  return (
    <form className="pause-subscription" onSubmit={pauseSubscription}>
      <h1>Pause your subscription</h1>
      <label>
        For how long?
        <select name="weeks" defaultValue="2">
          <option value="1">1 week</option>
          <option value="2">2 weeks</option>
          <option value="4">4 weeks</option>
        </select>
      </label>
      <label>
        Why are you pausing? (optional)
        <select name="reason" defaultValue="other">
          <option value="too-much-coffee">I have too much coffee</option>
          <option value="travelling">I am travelling</option>
          <option value="price">It is too expensive right now</option>
          <option value="other">Something else</option>
        </select>
      </label>
      <button type="submit">Pause deliveries</button>
    </form>
  );
}
