import { isPrivateAddress } from '../../src/model/addresses';

describe('isPrivateAddress: what IGTM will not publish', () => {
  test.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.1.1',
    '127.0.0.1',
    '169.254.1.1',
    '0.0.0.0',
    '224.0.0.1',
    '240.0.0.1',
    '198.18.0.1',
    '192.0.0.5',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:10.0.0.1',
  ])('%s is not public', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  test.each(['8.8.8.8', '119.29.29.29', '2400:da00::6666', '::ffff:8.8.8.8', '203.0.113.7', '2001:db8::1'])(
    '%s is public (documentation blocks are let through for examples)',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  test.each(['shop.example.com', 'lb-abc.clb.gz.tencentclb.com', '10', '10.1', ''])(
    '%s is not an address literal',
    (name) => {
      expect(isPrivateAddress(name)).toBe(false);
    },
  );
});
