'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { kasseSchema, type KasseDaten } from './schema';

export default function KassePage() {
  const { register, handleSubmit } = useForm<KasseDaten>({
    resolver: zodResolver(kasseSchema),
    defaultValues: {
      newsletter: false as unknown as true,
      partnerAngebote: true,
    },
  });

  async function bestellen(daten: KasseDaten) {
    await fetch('/api/bestellung', { method: 'POST', body: JSON.stringify(daten) });
  }

  return (
    <form onSubmit={handleSubmit(bestellen)}>
      <h1>Kasse</h1>
      <input {...register('vorname')} placeholder="Vorname" />
      <input {...register('nachname')} placeholder="Nachname" />
      <input type="email" {...register('email')} placeholder="E-Mail" />
      <input {...register('strasse')} placeholder="Straße und Hausnummer" />
      <input {...register('plz')} placeholder="PLZ" />
      <input {...register('ort')} placeholder="Ort" />
      <label>
        <input type="checkbox" {...register('agb')} /> Ich akzeptiere die AGB und habe die Datenschutzerklärung gelesen.
      </label>
      <label>
        <input type="checkbox" {...register('newsletter')} /> Ja, ich möchte den Newsletter mit Angeboten erhalten.
      </label>
      <label>
        <input type="checkbox" {...register('partnerAngebote')} /> Angebote unserer Partner per E-Mail.
      </label>
      <button type="submit">Zahlungspflichtig bestellen</button>
    </form>
  );
}
