import { Client } from '@hubspot/api-client';

const hubspot = new Client({ accessToken: process.env.HUBSPOT_TOKEN });

export async function syncContact(email: string, firstname: string, company: string) {
  await hubspot.crm.contacts.basicApi.create({ properties: { email, firstname, company }, associations: [] });
}

export async function forgetContact(email: string) {
  await hubspot.crm.contacts.gdprApi.purge({ objectId: email, idProperty: 'email' });
}
