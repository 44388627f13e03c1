import { describe, expect, it } from 'vitest';
import { extractTargets } from '../../../../src/core/plan/targets';

const only = (text: string) => {
  const targets = extractTargets(text);
  expect(targets, `targets of “${text}”`).toHaveLength(1);
  return targets[0]!;
};

describe('target grammar', () => {
  it('reads magnitudes into base values', () => {
    const t = only('努力实现全年城镇新增就业3.35万人。');
    expect(t).toMatchObject({ label: '城镇新增就业', comparator: '>=', value: 3.35, unit: '万人', baseValue: 33500, baseUnit: '人' });
    expect(only('新增民办公办养老机构床位0.276万张。')).toMatchObject({ baseValue: 2760, baseUnit: '张' });
    expect(only('安排资金1.2亿元。')).toMatchObject({ value: 1.2, unit: '亿元', baseValue: 120000000, baseUnit: '元' });
  });

  it('reads rates as ratios', () => {
    expect(only('城乡居民参保率达到98%。')).toMatchObject({ baseValue: 0.98, baseUnit: 'ratio', comparator: '>=' });
    expect(only('婴儿死亡率下降至5.9‰以下。')).toMatchObject({ baseValue: 0.0059, comparator: '<=' });
    expect(only('孕产妇死亡率下降至20/10万以下。')).toMatchObject({ value: 20, unit: '/10万', baseValue: 0.0002, comparator: '<=' });
  });

  it.each([
    ['开放人数不低于67万人次', '>='],
    ['演出不少于800场', '>='],
    ['覆盖率达95%以上', '>='],
    ['超过12个', '>='],
    ['提高到50元', '>='],
    ['失业率控制在4.2%以内', '<='],
    ['费用控制在300元以下', '<='],
    ['死亡率下降至5.9‰', '<='],
    ['不超过15%', '<='],
    ['为62.49万名义务教育学生免除学杂费', '>='],
  ])('comparator of “%s” is %s', (text, comparator) => {
    expect(only(text).comparator).toBe(comparator);
  });

  it('reads ranges and approximate values', () => {
    expect(only('均建立1—2个危重孕产妇救治中心')).toMatchObject({ comparator: 'range', min: 1, max: 2, value: null, baseValue: null });
    expect(only('新建1~2所学校')).toMatchObject({ comparator: 'range', min: 1, max: 2, unit: '所' });
    expect(only('改扩建6～8所幼儿园')).toMatchObject({ min: 6, max: 8 });
    expect(only('新建约16个中医馆')).toMatchObject({ approx: true, value: 16, comparator: '>=' });
    expect(only('报销比例75%左右')).toMatchObject({ approx: true, comparator: '=', baseValue: 0.75 });
  });

  it('reads a baseline-to-target change as one target with its baseline', () => {
    expect(only('人均基本公共卫生服务经费补助标准由45元提高到50元。')).toMatchObject({
      label: '人均基本公共卫生服务经费补助标准',
      value: 50,
      baseline: 45,
      comparator: '>=',
    });
  });

  it('keeps a change relative to a base year relative', () => {
    expect(only('婚检率较2016年提高3%。')).toMatchObject({ label: '婚检率', relativeToYear: 2016, value: 3, unit: '%' });
  });

  it.each([
    '落实《老年教育发展规划(2016—2020年)》',
    '开展建军90周年系列庆祝活动',
    '实施"1223"巴文化保护工程',
    '实施“1223”巴文化保护工程',
    '做好“三免一补”工作，编制十三五规划，实施第三期学前教育行动计划',
    '根据达市府办发〔2017〕34号要求',
    '2017年7月26日',
    '全面建立80周岁以上老年人高龄津贴制度',
    '为80岁以上高龄老人提供服务',
    '依法参加失业保险3年以上的企业职工',
    '实施第3期工程',
    '着力办好中心城区10大民生实事',
    '全年完成2014年底前政府投资公租房',
  ])('“%s” has no target', (text) => {
    expect(extractTargets(text)).toEqual([]);
  });

  it('keeps the source sentence and offset of each target', () => {
    const passage = '第一句没有。全市参加失业保险15.8万人,参加工伤保险21.2万人。';
    const targets = extractTargets(passage, 100);
    expect(targets.map((t) => t.label)).toEqual(['参加失业保险', '参加工伤保险']);
    expect(targets[0]!.text).toBe('全市参加失业保险15.8万人,参加工伤保险21.2万人。');
    expect(passage.slice(targets[0]!.offset - 100).startsWith('15.8万人')).toBe(true);
  });

  it('reads full-width digits and punctuation', () => {
    expect(only('城镇新增就业３．４万人，')).toMatchObject({ value: 3.4, baseValue: 34000 });
  });
});
