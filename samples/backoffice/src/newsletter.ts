import crypto from 'node:crypto';
import mailchimp from '@mailchimp/mailchimp_marketing';

mailchimp.setConfig({ apiKey: process.env.MAILCHIMP_KEY, server: 'us6' });
const LIST_ID = process.env.MAILCHIMP_LIST!;

const hashOf = (email: string) => crypto.createHash('md5').update(email.toLowerCase()).digest('hex');

export async function subscribe(email: string) {
  await mailchimp.lists.addListMember(LIST_ID, { email_address: email, status: 'pending' });
}

export async function forgetSubscriber(email: string) {
  await mailchimp.lists.deleteListMemberPermanent(LIST_ID, hashOf(email));
}
