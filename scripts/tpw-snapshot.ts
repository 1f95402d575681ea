/**
 * `npm run tpw:snapshot`: writes the entity → purpose snapshot of the third-party-web mapping
 * (packages/core/src/knowledge/third-party-web-snapshot.json). Run it after updating the
 * third-party-web dependency or the mapping, review the diff (it lists every vendor whose
 * mapping changed), and commit it with the update.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mappingSnapshot, THIRD_PARTY_WEB_VERSION } from '../packages/core/src/knowledge/third-party-web';

const file = path.join(__dirname, '..', 'packages', 'core', 'src', 'knowledge', 'third-party-web-snapshot.json');
const before: { entities?: Record<string, string> } = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
const entities = mappingSnapshot();
fs.writeFileSync(file, `${JSON.stringify({ version: THIRD_PARTY_WEB_VERSION, entities }, null, 1)}\n`);
let changed = 0;
for (const name of new Set([...Object.keys(before.entities ?? {}), ...Object.keys(entities)])) {
  const a = before.entities?.[name];
  const b = entities[name];
  if (a !== b) {
    changed++;
    process.stdout.write(`${name}: ${a ?? '(new)'} -> ${b ?? '(gone)'}\n`);
  }
}
process.stdout.write(`third-party-web ${THIRD_PARTY_WEB_VERSION}: ${Object.keys(entities).length} entries, ${changed} changed\n`);
