/**
 * The bakery's PostHog project, shared by every page script (`import { posthog } from './posthog.js'`).
 * A named instance, so the agency's own PostHog project on the same page stays separate.
 */
import posthogJs from 'posthog-js';

export const posthog = posthogJs.init('phc_crumbandco', { api_host: 'https://eu.i.posthog.com', persistence: 'localStorage+cookie' }, 'crumb');
