'use client';
// Lead magnet: "Leitfaden herunterladen" (download a guide) behind a form that asks for too much.
import { z } from 'zod';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';

const leadSchema = z.object({
  anrede: z.enum(['Herr', 'Frau', 'Divers']),
  vorname: z.string().min(1),
  email: z.string().email(),
  telefon: z.string().min(6),
  firma: z.string().optional(),
  geburtsdatum: z.string().optional(),
});

type Lead = z.infer<typeof leadSchema>;

export default function LeitfadenDownload() {
  const { register, handleSubmit } = useForm<Lead>({ resolver: zodResolver(leadSchema) });
  const send = async (lead: Lead) => {
    await fetch('/api/leads', { method: 'POST', body: JSON.stringify(lead) });
  };
  return (
    <form onSubmit={handleSubmit(send)}>
      <h2>Kostenloser Leitfaden: DSGVO im Marketing</h2>
      <label>
        Anrede
        <select {...register('anrede')}>
          <option>Herr</option>
          <option>Frau</option>
          <option>Divers</option>
        </select>
      </label>
      <label>
        Vorname
        <input {...register('vorname')} />
      </label>
      <label>
        E-Mail-Adresse
        <input type="email" {...register('email')} />
      </label>
      <label>
        Telefonnummer
        <input type="tel" {...register('telefon')} />
      </label>
      <label>
        Firma (optional)
        <input {...register('firma')} />
      </label>
      <label>
        Geburtsdatum (optional)
        <input type="date" {...register('geburtsdatum')} />
      </label>
      <button type="submit">Jetzt herunterladen</button>
    </form>
  );
}
