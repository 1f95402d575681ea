import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

/** Version of the consent wording shown in the shop and the customer account. */
export const CONSENT_TEXT_VERSION = 'newsletter-2024-03-de';
