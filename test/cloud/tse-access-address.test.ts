import { tseIntranetEndpoint } from '../../src/cloud/tencentcloud/tse-access-address';

// The data source says only "VPC access IP address list" and "may return null": every plausible form is read.
describe('tseIntranetEndpoint', () => {
  test.each([
    ['10.110.16.9', { host: '10.110.16.9', port: 8848 }],
    ['10.110.16.9:8848', { host: '10.110.16.9', port: 8848 }],
    ['10.110.16.9:18848', { host: '10.110.16.9', port: 18848 }],
    ['http://10.110.16.9:8848/nacos', { host: '10.110.16.9', port: 8848 }],
    ['10.110.16.9:8848,10.110.16.10:8848', { host: '10.110.16.9', port: 8848 }],
    ['  10.110.16.9 ; 10.110.16.10 ', { host: '10.110.16.9', port: 8848 }],
    ['["10.110.16.9:8848","10.110.16.10:8848"]', { host: '10.110.16.9', port: 8848 }],
    [['10.110.16.9'], { host: '10.110.16.9', port: 8848 }],
    ['nacos-abc.tse.TencentCloud.com:8848', { host: 'nacos-abc.tse.tencentcloud.com', port: 8848 }],
    // The first entry is not usable: the next one is.
    ['999.1.1.1:8848,10.110.16.10', { host: '10.110.16.10', port: 8848 }],
    ['10.110.16.9:0 10.110.16.10:8848', { host: '10.110.16.10', port: 8848 }],
  ])('%j', (address, endpoint) => {
    expect(tseIntranetEndpoint(address, 8848)).toEqual(endpoint);
  });

  test.each([
    [null],
    [undefined],
    [''],
    ['  '],
    ['null'],
    ['[]'],
    ['not an address'],
    [42],
    [{ ip: '10.0.0.1' }],
    ['10.1.1:8848'],
  ])('nothing usable in %j', (address) => {
    expect(tseIntranetEndpoint(address, 8848)).toBeUndefined();
  });
});
