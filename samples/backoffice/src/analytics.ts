import axios from 'axios';
import { PostHog } from 'posthog-node';

export const posthog = new PostHog(process.env.POSTHOG_KEY!, { host: 'https://eu.i.posthog.com' });

const POSTHOG_PROJECT = process.env.POSTHOG_PROJECT_ID;

export async function forgetPerson(distinctId: string) {
  await axios.delete(`https://eu.posthog.com/api/projects/${POSTHOG_PROJECT}/persons/${distinctId}/?delete_events=true`, {
    headers: { Authorization: `Bearer ${process.env.POSTHOG_PERSONAL_KEY}` },
  });
}
