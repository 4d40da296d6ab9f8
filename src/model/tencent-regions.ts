/** Tencent Cloud regions this library knows, with zones that sell TKE/CVM (../shared/reference/full/tencentcloud.md §5). */
export const TENCENT_REGIONS: Readonly<Record<string, readonly string[]>> = {
  'ap-guangzhou': ['ap-guangzhou-3', 'ap-guangzhou-4', 'ap-guangzhou-6', 'ap-guangzhou-7'],
  'ap-shanghai': ['ap-shanghai-2', 'ap-shanghai-3', 'ap-shanghai-4', 'ap-shanghai-5', 'ap-shanghai-8'],
  'ap-nanjing': ['ap-nanjing-1', 'ap-nanjing-2', 'ap-nanjing-3'],
  'ap-beijing': [
    'ap-beijing-2',
    'ap-beijing-3',
    'ap-beijing-4',
    'ap-beijing-5',
    'ap-beijing-6',
    'ap-beijing-7',
  ],
  'ap-chengdu': ['ap-chengdu-1', 'ap-chengdu-2'],
  'ap-chongqing': ['ap-chongqing-1'],
  'ap-hongkong': ['ap-hongkong-2', 'ap-hongkong-3'],
  'ap-singapore': ['ap-singapore-1'],
  'ap-seoul': [],
  'ap-tokyo': [],
  'ap-bangkok': [],
  'ap-mumbai': [],
  'na-siliconvalley': [],
  'eu-frankfurt': [],
};

export function isKnownRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(TENCENT_REGIONS, region);
}
