import { z } from 'zod';

export const kasseSchema = z.object({
  vorname: z.string().min(1, 'Bitte Vornamen angeben'),
  nachname: z.string().min(1, 'Bitte Nachnamen angeben'),
  email: z.string().email('Bitte gültige E-Mail-Adresse angeben'),
  strasse: z.string().min(1),
  plz: z.string().regex(/^\d{5}$/, 'Fünfstellige PLZ'),
  ort: z.string().min(1),
  agb: z.literal(true, { errorMap: () => ({ message: 'Bitte AGB akzeptieren' }) }),
  newsletter: z.literal(true, { errorMap: () => ({ message: 'Bitte Newsletter bestätigen' }) }),
  partnerAngebote: z.boolean(),
});

export type KasseDaten = z.infer<typeof kasseSchema>;
