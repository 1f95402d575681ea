'use client';
/** "Visit the roastery": Google Maps only after marketing consent, a click-to-consent placeholder before. */
import { hasConsent, openConsentSettings, useConsentRefresh } from '@/lib/consent';

const MAPS_EMBED_URL =
  'https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d2381.9!2d-6.2603!3d53.3498!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1';

export default function RoasteryMap() {
  useConsentRefresh();

  return (
    <section className="roastery-map" aria-labelledby="visit-us">
      <h2 id="visit-us">Visit the roastery</h2>
      <address>Unit 4, Ferncroft Yard, Dublin 8 · Tue–Sat 9:00–17:00</address>
      <a
        href="https://www.openstreetmap.org/directions?to=53.3498%2C-6.2603"
        onClick={() => {
          // Store-visit campaign: counts clicks on "Get directions" (marketing, ticket MKT-88).
          process.env.NODE_ENV === 'production' &&
            window.fbq('trackCustom', 'GetDirections', { location: 'dublin-8' });
        }}
      >
        Get directions
      </a>
      {hasConsent('marketing') ? (
        <iframe
          src={MAPS_EMBED_URL}
          title="Map: Ferncroft Coffee Roasters"
          width={600}
          height={400}
          loading="lazy"
          referrerPolicy="no-referrer-when-downgrade"
        />
      ) : (
        <div className="map-placeholder">
          <p>The map is provided by Google, which receives your IP address when it loads.</p>
          <button type="button" onClick={openConsentSettings}>
            Allow marketing cookies to show the map
          </button>
        </div>
      )}
    </section>
  );
}
