import assert from 'node:assert/strict';
import { buildKnowledge, KnowledgeError } from '../knowledge';
import { splitWords } from '../knowledge/personal-data';
import vocabularyJson from '../knowledge/personal-data.json';
import { classifyLabel, classifyLiteral, classifyName, classifyProperty } from './personal-data';

const knowledge = buildKnowledge();
const kindOf = (name: string) => classifyName(name, knowledge)?.kind;

describe('personal-data classifier', () => {
  it('splits identifiers into lower-case parts with umlauts folded', () => {
    assert.deepEqual(splitWords('customerEmailAddress'), ['customer', 'email', 'address']);
    assert.deepEqual(splitWords('email_sent_at'), ['email', 'sent', 'at']);
    assert.deepEqual(splitWords('first-name'), ['first', 'name']);
    assert.deepEqual(splitWords('HTMLEmailBody'), ['html', 'email', 'body']);
    assert.deepEqual(splitWords('Straße'), ['strasse']);
    assert.deepEqual(splitWords('sha256_email_address'), ['sha256', 'email', 'address']);
  });

  it('every vocabulary entry names its source, a known category and both languages are present', () => {
    const entries = vocabularyJson.entries as { kind: string; lang: string; source: string }[];
    for (const e of entries) assert.ok(e.source.trim(), `${e.kind}: source`);
    const kinds = (lang: string) => new Set(entries.filter((e) => e.lang === lang).map((e) => e.kind));
    for (const kind of ['email', 'phone', 'firstName', 'lastName', 'birthdate', 'street', 'postalCode', 'iban', 'health', 'religion']) {
      assert.ok(kinds('en').has(kind), `en ${kind}`);
      assert.ok(kinds('de').has(kind), `de ${kind}`);
    }
  });

  const data: [string, string][] = [
    ['email', 'email'],
    ['userEmail', 'email'],
    ['customer_email', 'email'],
    ['emailAddress', 'email'],
    ['E-Mail', 'email'],
    ['eMail', 'email'],
    ['user[email]', 'email'],
    ['user.email', 'email'],
    ['phone', 'phone'],
    ['phoneNumber', 'phone'],
    ['mobile_phone', 'phone'],
    ['telefonnummer', 'phone'],
    ['Handynummer', 'phone'],
    ['firstName', 'firstName'],
    ['first_name', 'firstName'],
    ['vorname', 'firstName'],
    ['nachname', 'lastName'],
    ['lastName', 'lastName'],
    ['fullName', 'fullName'],
    ['customerName', 'fullName'],
    ['dateOfBirth', 'birthdate'],
    ['dob', 'birthdate'],
    ['geburtsdatum', 'birthdate'],
    ['Geburtsdatum', 'birthdate'],
    ['zipCode', 'postalCode'],
    ['postleitzahl', 'postalCode'],
    ['plz', 'postalCode'],
    ['street', 'street'],
    ['strasse', 'street'],
    ['hausnummer', 'houseNumber'],
    ['lieferadresse', 'address'],
    ['billingAddress', 'address'],
    ['iban', 'iban'],
    ['cardNumber', 'creditCard'],
    ['ipAddress', 'ipAddress'],
    ['userId', 'userId'],
    ['customer_id', 'userId'],
    ['kundennummer', 'userId'],
    ['anrede', 'salutation'],
    ['gender', 'gender'],
    ['religion', 'religion'],
    ['konfession', 'religion'],
    ['healthCondition', 'health'],
    ['sha256_email_address', 'email'],
    ['emailHash', 'email'],
  ];
  for (const [name, kind] of data) {
    it(`${name} → ${kind}`, () => assert.equal(kindOf(name), kind));
  }

  const notData = [
    'emailTemplate', 'emailEnabled', 'email_sent_at', 'emailSubject', 'emailVerified', 'isEmailVerified',
    'validateEmail', 'sendEmail', 'hasPhone', 'showAddress', 'emailRegex', 'emailError', 'emailPlaceholder',
    'emailLabel', 'emailInput', 'emailProvider', 'emailSettings', 'emailNotifications', 'emailOptIn',
    'supportEmail', 'senderEmail', 'noreplyEmail', 'fromEmail',
    'adobe', 'adobeAnalytics', 'dobbyTheElf', 'phoneticSearch', 'emails_count', 'ageGate', 'imageAge',
    'productName', 'fileName', 'eventName', 'className', 'displayNameTemplate', 'pageTitle', 'id', 'state',
    'macAddress', 'serverAddress', 'walletAddress', 'config.email', 'settings.email', 'errors.email',
    'appConfig.email', 'i18n.email', 'healthCheck', 'healthcheck', 'mailer', 'db', 'str', 'position',
    'E-Mail-Vorlage', 'emailVorlage', 'bestellnummer', 'dateiname', 'product.name',
  ];
  for (const name of notData) {
    it(`${name} is not personal data`, () => assert.equal(classifyName(name, knowledge), undefined, JSON.stringify(classifyName(name, knowledge))));
  }

  it('ambiguous words are medium alone, high with a person, nothing with another owner', () => {
    assert.equal(classifyName('name', knowledge)?.confidence, 'medium');
    assert.equal(classifyName('address', knowledge)?.confidence, 'medium');
    assert.equal(classifyProperty('user', 'name', knowledge)?.confidence, 'high');
    assert.equal(classifyProperty('currentCustomer', 'city', knowledge)?.kind, 'city');
    assert.equal(classifyProperty('req.body', 'name', knowledge)?.confidence, 'medium');
    assert.equal(classifyProperty('product', 'name', knowledge), undefined);
    assert.equal(classifyProperty('event', 'id', knowledge), undefined);
    assert.equal(classifyProperty('user', 'id', knowledge)?.kind, 'userId');
    assert.equal(classifyProperty('this.props.user', 'id', knowledge)?.kind, 'userId');
    assert.equal(classifyName('id', knowledge), undefined);
    assert.equal(classifyProperty('user', 'email', knowledge)?.confidence, 'high');
    assert.equal(classifyProperty('userSettings', 'email', knowledge), undefined);
    assert.equal(classifyProperty('user', 'emailTemplate', knowledge), undefined);
  });

  it('marks hashed names', () => {
    assert.equal(classifyName('hashedEmail', knowledge)?.hashed, true);
    assert.equal(classifyName('email_sha256', knowledge)?.hashed, true);
    assert.equal(classifyName('email', knowledge)?.hashed, undefined);
  });

  it('classifies labels in English and German, not sentences or preferences', () => {
    const label = (t: string) => classifyLabel(t, knowledge)?.kind;
    assert.equal(label('E-Mail-Adresse'), 'email');
    assert.equal(label('Ihre E-Mail-Adresse *'), 'email');
    assert.equal(label('Telefonnummer (optional)'), 'phone');
    assert.equal(label('Geburtsdatum'), 'birthdate');
    assert.equal(label('Anrede'), 'salutation');
    assert.equal(label('Vor- und Nachname'), 'fullName');
    assert.equal(label('Date of birth'), 'birthdate');
    assert.equal(label('Your email address'), 'email');
    assert.equal(label('Straße und Hausnummer'), 'houseNumber');
    assert.equal(label('Name'), 'fullName');
    assert.equal(classifyLabel('Name', knowledge)?.confidence, 'high');
    assert.equal(label('Email me offers and news'), undefined);
    assert.equal(label('Kontakt per E-Mail'), undefined);
    assert.equal(label('Ich möchte den Newsletter per E-Mail erhalten und habe die Datenschutzerklärung gelesen'), undefined);
    assert.equal(label('Adobe'), undefined);
  });

  it('classifies email and phone literals, not example or role addresses', () => {
    assert.equal(classifyLiteral('jane.doe@gmail.com')?.kind, 'email');
    assert.equal(classifyLiteral('+49 171 2345678')?.kind, 'phone');
    assert.equal(classifyLiteral('0171/2345678')?.kind, 'phone');
    assert.equal(classifyLiteral('jane@example.com'), undefined);
    assert.equal(classifyLiteral('info@shop.de'), undefined);
    assert.equal(classifyLiteral('2024-01-02'), undefined);
    assert.equal(classifyLiteral('1.2.3.4'), undefined);
    assert.equal(classifyLiteral('12345678'), undefined);
  });

  it('takes team entries from config and rejects malformed ones naming the field', () => {
    const extended = buildKnowledge({ personalData: [{ kind: 'loyaltyNumber', category: 'identity', lang: 'en', words: ['loyalty number', 'club card'], source: 'our CRM' }] });
    assert.equal(classifyName('loyaltyNumber', extended)?.kind, 'loyaltyNumber');
    assert.equal(classifyName('customerClubCard', extended)?.kind, 'loyaltyNumber');
    assert.equal(classifyName('loyaltyNumber', knowledge), undefined);
    assert.throws(
      () => buildKnowledge({ personalData: [{ kind: 'x', category: 'nope' as never, lang: 'en', words: ['x'], source: 's' }] }),
      (e: unknown) => e instanceof KnowledgeError && e.field === 'personalData[0].category',
    );
    assert.throws(
      () => buildKnowledge({ personalData: [{ kind: 'x', category: 'identity', lang: 'en', words: ['Loyalty_Number'], source: 's' }] }),
      (e: unknown) => e instanceof KnowledgeError && e.field === 'personalData[0].words[0]',
    );
  });
});
