'use client';

import { useState } from 'react';
import { CheckboxFeld } from '@/components/CheckboxFeld';

export default function RegistrierenPage() {
  const [werte, setWerte] = useState({ email: '', passwort: '', angebote: true });

  return (
    <form action="/api/konto" method="post">
      <h1>Konto erstellen</h1>
      <input type="email" name="email" value={werte.email} onChange={(e) => setWerte({ ...werte, email: e.target.value })} />
      <input type="password" name="passwort" value={werte.passwort} onChange={(e) => setWerte({ ...werte, passwort: e.target.value })} />
      <CheckboxFeld
        name="angebote"
        label="Ich möchte Angebote und Rabatte per E-Mail erhalten"
        value={werte.angebote}
        onChange={(angebote) => setWerte({ ...werte, angebote })}
      />
      <button type="submit" disabled={!werte.angebote}>
        Konto erstellen
      </button>
    </form>
  );
}
