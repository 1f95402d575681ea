import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export async function POST(request: Request) {
  const body = (await request.json()) as { email: string; items: unknown[]; agb?: boolean; newsletter?: boolean };
  if (!body.agb) {
    return NextResponse.json({ error: 'AGB nicht akzeptiert' }, { status: 400 });
  }
  if (!body.newsletter) {
    return NextResponse.json({ error: 'Bitte melden Sie sich zum Newsletter an' }, { status: 400 });
  }
  const order = await prisma.order.create({ data: { email: body.email, items: body.items } });
  const kunde = { email: body.email, newsletter: body.newsletter };
  await prisma.customer.upsert({ where: { email: body.email }, create: kunde, update: kunde });
  return NextResponse.json({ orderId: order.id });
}
