/** The rule registry: every rule of `packages/core/src/rules/<id>.ts`, in documentation order. */
import type { Rule } from '../rule';
import { rule as suppressionComment } from './suppression-comment';
import { rule as trackingWithoutConsent } from './tracking-without-consent';
import { rule as thirdPartyEmbedWithoutConsent } from './third-party-embed-without-consent';
import { rule as precheckedConsent } from './prechecked-consent';
import { rule as excessiveFormFields } from './excessive-form-fields';
import { rule as consentNotRecorded } from './consent-not-recorded';
import { rule as consentCoupling } from './consent-coupling';
import { rule as insecureEmailTransport } from './insecure-email-transport';
import { rule as thirdPartyDataSource } from './third-party-data-source';
import { rule as erasureNotPropagated } from './erasure-not-propagated';
import { rule as piiToThirdParty } from './pii-to-third-party';
import { rule as specialCategoryPersonalization } from './special-category-personalization';
import { rule as vendorMissingFromNotice } from './vendor-missing-from-notice';

/** All registered rules. */
export const rules: readonly Rule<any, string>[] = [trackingWithoutConsent, thirdPartyEmbedWithoutConsent, precheckedConsent, consentCoupling, excessiveFormFields, consentNotRecorded, thirdPartyDataSource, insecureEmailTransport, erasureNotPropagated, piiToThirdParty, specialCategoryPersonalization, vendorMissingFromNotice, suppressionComment];

const byId = new Map(rules.map((r) => [r.id, r]));

/** The rule with this id, if registered. */
export function getRule(id: string): Rule<any, string> | undefined {
  return byId.get(id);
}
