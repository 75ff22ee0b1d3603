import { describe, expect, it } from 'vitest';
import {
  MASKS,
  maskAuthor,
  maskPersonalData,
  maskProfanity,
  maskPublicText,
} from '../../../../renderer/features/public/mask';

describe('public-screen masking of personal data', () => {
  it.each([
    ['mail me at jane.doe+bank@example.co.uk now', `mail me at ${MASKS.email} now`],
    ['JOSÉ@correo.es', MASKS.email],
    ['two: a@b.io, c_d@e-f.org.', `two: ${MASKS.email}, ${MASKS.email}.`],
  ])('emails: %s', (input, out) => expect(maskPersonalData(input)).toBe(out));

  it.each([
    ['card 4111 1111 1111 1111 was charged twice', `card ${MASKS.card} was charged twice`],
    ['4111-1111-1111-1111', MASKS.card],
    ['my card 5500005555555559.', `my card ${MASKS.card}.`],
    ['amex 3782 822463 10005', `amex ${MASKS.card}`],
  ])('card numbers: %s', (input, out) => expect(maskPersonalData(input)).toBe(out));

  it.each([
    ['call +44 20 7946 0958 please', `call ${MASKS.phone} please`],
    ['(555) 123-4567', MASKS.phone],
    ['555.123.4567 or 555-123-4567', `${MASKS.phone} or ${MASKS.phone}`],
    ['ring 07700900123', `ring ${MASKS.phone}`],
    ['0044 20 7946 0958', MASKS.phone],
  ])('phone numbers: %s', (input, out) => expect(maskPersonalData(input)).toBe(out));

  it.each([
    ['@nimbus_bank fix this', `${MASKS.handle} fix this`],
    ['hey @Ana.Lopez and @bo!', `hey ${MASKS.handle} and ${MASKS.handle}!`],
    ['(@user1)', `(${MASKS.handle})`],
  ])('@handles: %s', (input, out) => expect(maskPersonalData(input)).toBe(out));

  it.each([
    'error 503 since 10:30, 2026-01-05',
    'lost $1,200.50 on 05/01/2026',
    'order 123456 of 3 items',
    'app version 4.12.1 build 9921',
    'down for 45 minutes, 3rd time this week',
    'email support? no @ sign here',
  ])('keeps ordinary numbers and text: %s', (input) => expect(maskPersonalData(input)).toBe(input));
});

describe('public-screen masking of profanity', () => {
  it.each([
    ['this app is fucking useless', 'this app is f****** useless'],
    ['Motherfuckers!', 'M************!'],
    ['total BULLSHIT', 'total B*******'],
    ['what a piss take, damn', 'what a p*** take, d***'],
    ['f*ck this and sh!t that', 'f*** this and s*** that'],
    ['qué mierda de banco', 'qué m***** de banco'],
    ['putain de merde', 'p***** de m****'],
    ['so eine Scheiße', 'so eine S******'],
  ])('%s', (input, out) => expect(maskProfanity(input)).toBe(out));

  it.each(['Dickens class assessment', 'cocktail at Scunthorpe? no: Scunthorpe', 'passed the grass', 'classic'])(
    'keeps ordinary words: %s',
    (input) => expect(maskProfanity(input)).toBe(input),
  );
});

describe('maskPublicText and maskAuthor', () => {
  it('masks both in one post, leaving the complaint readable', () => {
    expect(maskPublicText('@nimbus you charged 4111 1111 1111 1111 twice, shit bank, call me 555-123-4567')).toBe(
      `${MASKS.handle} you charged ${MASKS.card} twice, s*** bank, call me ${MASKS.phone}`,
    );
  });

  it('keeps only the first letter of an author', () => {
    expect(maskAuthor('@angry_pilot')).toBe('a…');
    expect(maskAuthor('Émile')).toBe('É…');
    expect(maskAuthor('')).toBe('…');
  });
});
