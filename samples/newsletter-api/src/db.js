/** Subscriber storage (PostgreSQL). Consent flags are stored per purpose with the sign-up. */
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

async function insertPendingSubscriber({ email, firstName, source, gaClientId, signupIp, userAgent, consent, token }) {
  await pool.query(
    `INSERT INTO subscribers (email, first_name, source, ga_client_id, signup_ip, user_agent,
                              consent_analytics, consent_marketing, confirm_token, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending')`,
    [email, firstName, source, gaClientId, signupIp, userAgent, consent.analytics, consent.marketing, token],
  );
}

async function confirmSubscriber(token) {
  const { rows } = await pool.query(
    `UPDATE subscribers SET status = 'confirmed', confirmed_at = now()
     WHERE confirm_token = $1 AND status = 'pending'
     RETURNING id, email, first_name, source, ga_client_id, signup_ip, user_agent,
               consent_analytics, consent_marketing`,
    [token],
  );
  if (rows.length === 0) return null;
  const row = rows[0];
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    source: row.source,
    gaClientId: row.ga_client_id,
    signupIp: row.signup_ip,
    userAgent: row.user_agent,
    // 'granted' | 'denied', as recorded from the OneTrust choice at sign-up
    consent: { analytics: row.consent_analytics, marketing: row.consent_marketing },
  };
}

async function findSubscriber(id) {
  const { rows } = await pool.query('SELECT id, email, ga_client_id, consent_analytics, consent_marketing FROM subscribers WHERE id = $1', [id]);
  if (rows.length === 0) return null;
  const row = rows[0];
  return {
    id: row.id,
    email: row.email,
    gaClientId: row.ga_client_id,
    consent: { analytics: row.consent_analytics === 'granted', marketing: row.consent_marketing === 'granted' },
  };
}

async function unsubscribe(id) {
  const { rows } = await pool.query(
    `UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = now() WHERE id = $1 RETURNING id, email`,
    [id],
  );
  return rows[0] ?? null;
}

module.exports = { insertPendingSubscriber, confirmSubscriber, findSubscriber, unsubscribe };
