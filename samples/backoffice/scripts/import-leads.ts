import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { syncContact } from '../src/crm';

// One-off: leads bought from a trade-fair list broker.
const rows: { email: string; firstname: string; company: string }[] = parse(fs.readFileSync('data/purchased-leads-2024.csv'), { columns: true });

for (const row of rows) {
  await syncContact(row.email, row.firstname, row.company);
}
