/** Client helpers most pages need, importable as `@/lib`. */
export { hasConsent, useConsent, openConsentSettings } from './consent';
export { trackPlanSelected, trackSubscriptionPaused, type SubscriptionPlan, type PauseReason } from './subscriptions';
export { addToCart, getCart } from './cart';
