import { describe, expect, it } from 'vitest';
import { cardBrand, isCardNumber } from '../../../src/guards/pii/card';
import { isValidIban } from '../../../src/guards/pii/iban';
import { luhn } from '../../../src/guards/pii/numbers';
import { isValidSsn } from '../../../src/guards/pii/ssn';
import { found, values } from './helpers';

describe('credit cards', () => {
  it('checks Luhn', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
    expect(luhn('79927398713')).toBe(true);
  });

  it('knows brands by prefix and length', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('3530111333300000')).toBe('jcb');
    expect(cardBrand('36227206271667')).toBe('diners');
    expect(cardBrand('37828224631000')).toBeUndefined(); // Amex is 15 digits
    expect(cardBrand('9111111111111111')).toBeUndefined();
    expect(isCardNumber('4111111111111111')).toBe(true);
    expect(isCardNumber('1111111111111117')).toBe(false); // Luhn-valid, no brand
  });

  it('finds valid numbers with and without separators, not invalid ones', () => {
    expect(values('pay with 4111 1111 1111 1111 please', 'CREDIT_CARD')).toEqual(['4111 1111 1111 1111']);
    expect(values('pay with 4111-1111-1111-1111.', 'CREDIT_CARD')).toEqual(['4111-1111-1111-1111']);
    expect(values('amex 3782 822463 10005', 'CREDIT_CARD')).toEqual(['3782 822463 10005']);
    expect(values('card=5555555555554444;', 'CREDIT_CARD')).toEqual(['5555555555554444']);
    expect(values('pay with 4111 1111 1111 1112 please', 'CREDIT_CARD')).toEqual([]);
    expect(values('mixed 4111 1111-1111 1111', 'CREDIT_CARD')).toEqual([]);
  });

  it('finds a card followed by its expiry date and CVV', () => {
    expect(values('4111 1111 1111 1111 12/27 123', 'CREDIT_CARD')).toEqual(['4111 1111 1111 1111']);
  });

  it('does not cut a card out of a longer run, an identifier or a phone number', () => {
    expect(values('1234 5678 9012 3456 7890 1234', 'CREDIT_CARD')).toEqual([]);
    expect(values('ref ID4111111111111111', 'CREDIT_CARD')).toEqual([]);
    expect(values('call +4915123451465', 'CREDIT_CARD')).toEqual([]);
    expect(values('order 4111111111111111', 'CREDIT_CARD')).toEqual([]);
  });
});

describe('IBAN', () => {
  it('checks country length and mod-97', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('NO9386011117947')).toBe(true);
    expect(isValidIban('DE88370400440532013000')).toBe(false); // check digits
    expect(isValidIban('DE8937040044053201300')).toBe(false); // length
    expect(isValidIban('XX89370400440532013000')).toBe(false); // country
  });

  it('finds compact, grouped and lower-case IBANs', () => {
    expect(values('to DE89 3704 0044 0532 0130 00 today', 'IBAN')).toEqual(['DE89 3704 0044 0532 0130 00']);
    expect(values('iban:GB82WEST12345698765432.', 'IBAN')).toEqual(['GB82WEST12345698765432']);
    expect(values('gb82west12345698765432', 'IBAN')).toEqual(['gb82west12345698765432']);
    expect(values('NO9386011117947', 'IBAN')).toEqual(['NO9386011117947']);
    expect(values('to DE88 3704 0044 0532 0130 00 today', 'IBAN')).toEqual([]);
    expect(values('xDE89370400440532013000', 'IBAN')).toEqual([]);
    expect(values('DE89 37040044 0532 0130 00', 'IBAN')).toEqual([]);
  });
});

describe('US SSN', () => {
  it('applies the SSA rules', () => {
    expect(isValidSsn('219099998')).toBe(true);
    expect(isValidSsn('000123456')).toBe(false);
    expect(isValidSsn('666123456')).toBe(false);
    expect(isValidSsn('900123456')).toBe(false);
    expect(isValidSsn('123001234')).toBe(false);
    expect(isValidSsn('123450000')).toBe(false);
    expect(isValidSsn('078051120')).toBe(false); // voided (Woolworth wallet card)
  });

  it('finds dashed numbers anywhere and bare ones only in SSN context', () => {
    expect(values('my ssn is 536-90-4399', 'US_SSN')).toEqual(['536-90-4399']);
    expect(values('id 536-90-4399', 'US_SSN')).toEqual(['536-90-4399']);
    expect(values('Social Security No: 536904399', 'US_SSN')).toEqual(['536904399']);
    expect(values('SSN 536 90 4399', 'US_SSN')).toEqual(['536 90 4399']);
    expect(values('shipment 536904399 arrived', 'US_SSN')).toEqual([]);
    expect(values('ssn 666-90-4399, 536-00-4399, 536-90-0000, 912-90-4399', 'US_SSN')).toEqual([]);
    expect(values('part 12-536-90-4399', 'US_SSN')).toEqual([]);
    expect(values('Suite 536 90 4399 Oakridge Lane', 'US_SSN')).toEqual([]);
    expect(values('call +688 90 1234', 'US_SSN')).toEqual([]);
  });
});

describe('spans', () => {
  it('have exact offsets', () => {
    const text = 'SSN: 536-90-4399, card 4111111111111111';
    expect(found(text)).toEqual([['US_SSN', '536-90-4399'], ['CREDIT_CARD', '4111111111111111']]);
  });
});
