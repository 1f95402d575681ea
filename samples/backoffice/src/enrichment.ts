// Sales asked for company size and job title on every sign-up.
export async function enrichSignup(email: string) {
  const response = await fetch(`https://person.clearbit.com/v2/combined/find?email=${encodeURIComponent(email)}`, {
    headers: { Authorization: `Bearer ${process.env.CLEARBIT_KEY}` },
  });
  return response.ok ? response.json() : null;
}

// Company logos in the admin list: a logo CDN, not enrichment.
export const companyLogo = (domain: string) => `https://logo.clearbit.com/${domain}`;

export async function logoExists(domain: string) {
  const response = await fetch(`https://logo.clearbit.com/${domain}`, { method: 'HEAD' });
  return response.ok;
}
