/**
 * Places an order and reports the purchase server-side to GA4 (Measurement Protocol) and
 * to Meta (Conversions API), so ad blockers cannot drop conversions.
 */
import { createHash, randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';

const GA4_MEASUREMENT_ID = process.env.GA4_MEASUREMENT_ID ?? '';
const GA4_API_SECRET = process.env.GA4_API_SECRET ?? '';
const META_PIXEL_ID = process.env.META_PIXEL_ID ?? '';
const META_CAPI_TOKEN = process.env.META_CAPI_TOKEN ?? '';

interface OrderRequest {
  name: string;
  email: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  newsletter: boolean;
}

/** Cookiebot's `CookieConsent` cookie: `{stamp:'…',necessary:true,…,statistics:true,marketing:false,…}`. */
function consentFromCookie(request: NextRequest): { statistics: boolean; marketing: boolean } {
  const raw = decodeURIComponent(request.cookies.get('CookieConsent')?.value ?? '');
  return { statistics: /statistics:true/.test(raw), marketing: /marketing:true/.test(raw) };
}

function sha256(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase()).digest('hex');
}

export async function POST(request: NextRequest) {
  const input = (await request.json()) as OrderRequest;
  const order = { id: randomUUID(), totalCents: 2740, skus: ['FC-ETH-250', 'FC-COL-250'] };
  const consent = consentFromCookie(request);

  // GA4 purchase. The _ga cookie only exists when analytics_storage was granted, and the
  // visitor's ad consent travels with the event, as the Measurement Protocol requires.
  const gaClientId = request.cookies.get('_ga')?.value.split('.').slice(-2).join('.');
  if (gaClientId) {
    await fetch(`https://www.google-analytics.com/mp/collect?measurement_id=${GA4_MEASUREMENT_ID}&api_secret=${GA4_API_SECRET}`, {
      method: 'POST',
      body: JSON.stringify({
        client_id: gaClientId,
        consent: {
          ad_user_data: consent.marketing ? 'GRANTED' : 'DENIED',
          ad_personalization: consent.marketing ? 'GRANTED' : 'DENIED',
        },
        events: [{ name: 'purchase', params: { transaction_id: order.id, value: order.totalCents / 100, currency: 'EUR' } }],
      }),
    });
  }

  // Meta Conversions API, set up by the performance agency ("dedupes with the browser pixel").
  await fetch(`https://graph.facebook.com/v19.0/${META_PIXEL_ID}/events?access_token=${META_CAPI_TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      data: [
        {
          event_name: 'Purchase',
          event_time: Math.floor(Date.now() / 1000),
          event_id: order.id,
          action_source: 'website',
          user_data: {
            em: [sha256(input.email)],
            client_ip_address: request.headers.get('x-forwarded-for')?.split(',')[0],
            client_user_agent: request.headers.get('user-agent'),
            fbp: request.cookies.get('_fbp')?.value,
          },
          custom_data: { value: order.totalCents / 100, currency: 'EUR', content_ids: order.skus },
        },
      ],
    }),
  });

  return NextResponse.json(order, { status: 201 });
}
