import { describe, expect, it } from 'vitest';
import { isIpv6 } from '../../../src/guards/pii/ip';
import { found, values } from './helpers';

describe('phone numbers', () => {
  it('finds international numbers checked by libphonenumber', () => {
    expect(values('Call +44 7700 900123 today', 'PHONE')).toEqual(['+44 7700 900123']);
    expect(values('whatsapp +33 6 12 34 56 78', 'PHONE')).toEqual(['+33 6 12 34 56 78']);
    expect(values('+49 30 901820', 'PHONE')).toEqual(['+49 30 901820']);
    expect(values('from abroad 0049 30 901820', 'PHONE')).toEqual(['0049 30 901820']);
    expect(values('+46 (0)8 928 571 38 fax', 'PHONE')).toEqual(['+46 (0)8 928 571 38']);
  });

  it('finds North American formats', () => {
    for (const p of ['(415) 555-0132', '415-555-0132', '415.555.0132', '1-415-555-0132', '+1 415 555 0132']) {
      expect(values(`reach me at ${p}.`, 'PHONE')).toEqual([p]);
      expect(values(`${p}`, 'PHONE')).toEqual([p]);
    }
    expect(values('415-555.0132', 'PHONE')).toEqual([]);
  });

  it('finds national numbers with a trunk zero', () => {
    expect(values('my number 030 901820 00', 'PHONE')).toEqual(['030 901820 00']);
    expect(values('07700 900123 is my mobile', 'PHONE')).toEqual(['07700 900123']);
    expect(values('01 23 45 67 89', 'PHONE')).toEqual(['01 23 45 67 89']);
  });

  it('includes extensions', () => {
    expect(values('office 415-555-0132 x204', 'PHONE')).toEqual(['415-555-0132 x204']);
    expect(values('345-899-3560x4587', 'PHONE')).toEqual(['345-899-3560x4587']);
  });

  it('needs a phone word for ambiguous shapes', () => {
    expect(values('tel: 4673395', 'PHONE')).toEqual(['4673395']);
    expect(values('Phone:\n780 6326', 'PHONE')).toEqual(['780 6326']);
    expect(values('there were 4673395 visitors', 'PHONE')).toEqual([]);
    expect(values('516 466 638 (mobile)', 'PHONE')).toEqual(['516 466 638']);
  });

  it('reads a number right after a phone verb or label as a phone, whatever its grouping', () => {
    expect(values("They're not answering at 516 466 638", 'PHONE')).toEqual(['516 466 638']);
    expect(values('nobody is answering at 25-62-29-72', 'PHONE')).toEqual(['25-62-29-72']);
    expect(values('call me on 1 496 849 today', 'PHONE')).toEqual(['1 496 849']);
    expect(values('Mobile: 737 219 628\nDesk: 5403926876', 'PHONE')).toEqual(['737 219 628', '5403926876']);
    expect(values('name,email,phone\nMaria,o@example.org,8123 1314', 'PHONE')).toEqual(['8123 1314']);
  });

  it('does not read a count next to a phone word as a phone', () => {
    for (const text of [
      'We need to call 1 496 849 customers before Friday',
      'buy 1 292 374 office chairs',
      'the mobile app had 1 417 841 installs and 2 379 486 phone sessions',
      'the mobile app had 1417841 installs',
      'our phone plan covers 7 500 000 subscribers',
    ]) {
      expect(values(text, 'PHONE'), text).toEqual([]);
    }
  });

  it('finds 5–6 digit numbers only right after a phone label or verb, or before a phone word', () => {
    expect(values('Phone: 40123 before noon.', 'PHONE')).toEqual(['40123']);
    expect(values('Tel. 312 345', 'PHONE')).toEqual(['312 345']);
    expect(values('How can we reach you? You can call 33 93 31', 'PHONE')).toEqual(['33 93 31']);
    expect(values('61 51 81 office', 'PHONE')).toEqual(['61 51 81']);
    expect(values('92 34 70-Office', 'PHONE')).toEqual(['92 34 70']);
    expect(values('Reply to +290 8999 before noon.', 'PHONE')).toEqual(['+290 8999']);
    for (const text of [
      'call 10 000 customers', 'call 33 93 31 customers', 'we bought 12 345 office chairs', '61 51 81 office chairs',
      'the phone has 12 34 56 pixels', 'Reply to 33 93 31 before noon.', 'Phone bill: 12 345 USD', 'order 51234 (mobile)',
    ]) {
      expect(values(text, 'PHONE'), text).toEqual([]);
    }
  });

  it('splits two numbers that share a line', () => {
    expect(values('555-123-4567 555-987-6543', 'PHONE')).toEqual(['555-123-4567', '555-987-6543']);
  });

  it('leaves years, dates, prices, versions, ids and quantities alone', () => {
    for (const text of [
      'between 1997 and 2000 (1997–2000)',
      'released 2024-05-17 10:30:00 and 17.05.2024, or 05/17/2024',
      'it costs $1,299.99 or 1 250 000 USD',
      'upgrade from 10.0.19045.3803 to v2.14.1',
      'order no. 0123 456 789, invoice 555-123-4567, tracking 1Z999AA10123456784',
      'pi is 3.14159265358979',
      'golf: 70-72-70-68=280',
      'ISBN 978-3-16-148410-0',
    ]) {
      expect(found(text).filter(([t]) => t === 'PHONE'), text).toEqual([]);
    }
  });
});

describe('IP addresses', () => {
  it('finds IPv4 with octets in bounds', () => {
    expect(values('ping 8.8.8.8 and 192.168.1.254.', 'IP_ADDRESS')).toEqual(['8.8.8.8', '192.168.1.254']);
    expect(values('host 255.255.255.255:80', 'IP_ADDRESS')).toEqual(['255.255.255.255']);
    expect(values('256.1.1.1 and 1.2.3.256', 'IP_ADDRESS')).toEqual([]);
    expect(values('01.02.03.04', 'IP_ADDRESS')).toEqual([]);
  });

  it('does not take versions or longer dotted runs for IPv4', () => {
    expect(values('version 1.2.3.4', 'IP_ADDRESS')).toEqual([]);
    expect(values('v1.2.3.4', 'IP_ADDRESS')).toEqual([]);
    expect(values('OID 1.3.6.1.4.1', 'IP_ADDRESS')).toEqual([]);
  });

  it('accepts the RFC 4291 text forms of IPv6', () => {
    expect(isIpv6('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(true);
    expect(isIpv6('2001:db8::8a2e:370:7334')).toBe(true);
    expect(isIpv6('fe80::1')).toBe(true);
    expect(isIpv6('::ffff:192.0.2.128')).toBe(true);
    expect(isIpv6('2001:db8:85a3::8a2e:370:7334:1:2')).toBe(false); // too many groups
    expect(isIpv6('2001::db8::1')).toBe(false); // two "::"
    expect(isIpv6('12345::1')).toBe(false);
    expect(isIpv6('00:1A:2B:3C:4D:5E')).toBe(false); // MAC address
    expect(isIpv6('add::bed')).toBe(false); // no digit: words
  });

  it('finds IPv6 in text but not times, MACs or C++ scopes', () => {
    expect(values('server 2001:db8::8a2e:370:7334, ok', 'IP_ADDRESS')).toEqual(['2001:db8::8a2e:370:7334']);
    expect(values('at 12:30:45 mac 00:1A:2B:3C:4D:5E std::vector<int>', 'IP_ADDRESS')).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('finds addresses with exact edges', () => {
    expect(found('Mail <jane.doe+news@mail.example-corp.co.uk>.')).toEqual([['EMAIL', 'jane.doe+news@mail.example-corp.co.uk']]);
    expect(values('(bob@x.io)', 'EMAIL')).toEqual(['bob@x.io']);
    expect(values('to: ganesh@moonchaser.ioHi Ganesh', 'EMAIL')).toEqual(['ganesh@moonchaser.io']);
  });

  it('rejects what only looks like an address', () => {
    for (const text of ['@user', 'npm i pkg@1.2.3', 'logo@2x.png', 'a..b@x.com', 'git@github.com:org/repo.git', 'me@localhost', 'x@y.1']) {
      expect(values(text, 'EMAIL'), text).toEqual([]);
    }
  });
});
