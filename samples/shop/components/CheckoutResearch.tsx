'use client';
/** UX research for the checkout redesign (Q4): FullStory session recordings of the checkout. */
import { init as initFullStory } from '@fullstory/browser';
import { useEffect } from 'react';

const FULLSTORY_ORG_ID = process.env.NEXT_PUBLIC_FULLSTORY_ORG_ID ?? '';

export default function CheckoutResearch() {
  useEffect(() => {
    initFullStory({ orgId: FULLSTORY_ORG_ID, recordCrossDomainIFrames: false });
  }, []);
  return null;
}
