'use client';

import { useState } from 'react';

export default function NewsletterPage() {
  const [zustimmung, setZustimmung] = useState(false);

  return (
    <form action="/api/newsletter" method="post">
      <h1>Newsletter abonnieren</h1>
      <input type="email" name="email" required placeholder="E-Mail" />
      <label>
        <input type="checkbox" name="newsletter" required checked={zustimmung} onChange={(e) => setZustimmung(e.target.checked)} />
        Ja, schickt mir den Kaffee-Newsletter.
      </label>
      <button type="submit" disabled={!zustimmung}>
        Abonnieren
      </button>
    </form>
  );
}
