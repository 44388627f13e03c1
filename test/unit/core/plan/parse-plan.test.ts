import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOwnerPhrase, splitOrgList } from '../../../../src/core/plan/owners';
import { parsePlan } from '../../../../src/core/plan/parse-plan';
import { groupOrgs } from '../../../../src/core/plan/orgs';

const seedText = readFileSync(join(__dirname, '../../../../db/seed/dazhou-2017-equalization-plan.txt'), 'utf8');
const seed = parsePlan(seedText);

const TITLES = [
  '普惠性学前教育',
  '九年义务教育',
  '高中阶段教育',
  '现代职业教育',
  '终生教育体系',
  '就业服务和管理',
  '职业技能培训',
  '劳动关系协调和劳动权益保护',
  '基本养老保险',
  '基本医疗保险',
  '失业、工伤和生育保险',
  '社会救助',
  '社会福利',
  '基本养老服务',
  '优抚安置',
  '防灾减灾救灾',
  '公共卫生服务',
  '医疗服务',
  '食品药品供应和安全保障',
  '计划生育规范管理',
  '妇幼健康服务保障',
  '全面二孩政策实施',
  '保障性住房建设',
  '危旧房棚户区改造',
  '农村危房改造',
  '公益性文化',
  '广播影视',
  '新闻出版',
  '群众体育',
  '残疾人社会保障',
  '残疾人基本服务',
];

describe('the 2017 Dazhou plan', () => {
  it('has its document facts', () => {
    expect(seed.docNo).toBe('达市府办发〔2017〕34号');
    expect(seed.date).toBe('2017-07-26');
    expect(seed.year).toBe(2017);
    expect(seed.sections.map((s) => s.kind)).toEqual(['approach', 'key_work', 'tasks', 'safeguards']);
  });

  it('has 8 domains and 31 tasks with their exact titles', () => {
    expect(seed.domains.map((d) => d.name)).toEqual([
      '基本公共教育',
      '劳动就业服务',
      '社会保险',
      '基本社会服务',
      '基本公共卫生计生服务',
      '基本住房保障',
      '公共文化体育',
      '残疾人基本公共服务',
    ]);
    expect(seed.tasks.map((t) => t.number)).toEqual(TITLES.map((_, i) => i + 1));
    expect(seed.tasks.map((t) => t.title)).toEqual(TITLES);
    expect(seed.tasks.map((t) => t.domain)).toEqual([
      1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8,
    ]);
    expect(seed.tasks[5]!.text.startsWith('就业服务和管理。深入实施就业优先战略')).toBe(true);
    expect(seed.tasks[5]!.text.endsWith('城镇登记失业率控制在4.2%以内。')).toBe(true);
  });

  it('gives each task its domain owners, first org leading', () => {
    const owners = (n: number) => seed.tasks[n - 1]!.owners;
    expect(owners(1)).toEqual([
      { org: '市教育局', role: 'lead' },
      { org: '市发展改革委', role: 'co' },
      { org: '市财政局', role: 'co' },
      { org: '市人力资源社会保障局', role: 'co' },
    ]);
    // "市财政局等": the trailing 等 is dropped
    expect(owners(11).at(-1)).toEqual({ org: '市财政局', role: 'co' });
    // "各县(市、区)人民政府" stays whole
    expect(owners(23).map((o) => o.org)).toEqual(['市住房城乡建设局', '市发展改革委', '各县(市、区)人民政府', '达州经开区管委会']);
    expect(owners(31)[0]).toEqual({ org: '市残联', role: 'lead' });
    expect(owners(31)).toHaveLength(11);
    for (const task of seed.tasks) expect(task.owners.filter((o) => o.role === 'lead')).toHaveLength(1);
  });

  it('merges the two spellings of the human-resources bureau into one org', () => {
    const org = seed.orgs.find((u) => u.name === '市人力资源社会保障局');
    expect(org?.aliases).toEqual(['市人力资源和社会保障局']);
    expect(seed.tasks[30]!.owners.map((o) => o.org)).toContain('市人力资源社会保障局');
    expect(seed.tasks[30]!.owners.map((o) => o.org)).not.toContain('市人力资源和社会保障局');
  });

  it('finds every quantitative target with its base value and comparator', () => {
    const count = seed.tasks.reduce((n, t) => n + t.targets.length, 0);
    expect(count).toBe(64);
    const find = (task: number, raw: string) => seed.tasks[task - 1]!.targets.find((t) => t.raw.includes(raw));
    expect(find(6, '3.35万人')).toMatchObject({ label: '城镇新增就业', baseValue: 33500, comparator: '>=' });
    expect(find(6, '4.2%')).toMatchObject({ label: '城镇登记失业率', baseValue: 0.042, comparator: '<=' });
    expect(find(2, '62.49万名')).toMatchObject({ baseValue: 624900, comparator: '>=' });
    expect(find(14, '0.276万张')).toMatchObject({ baseValue: 2760, baseUnit: '张' });
    expect(find(17, '50元')).toMatchObject({ baseline: 45, value: 50 });
    expect(find(18, '16个')).toMatchObject({ approx: true });
    expect(find(21, '1—2个')).toMatchObject({ comparator: 'range', min: 1, max: 2 });
    expect(find(21, '20/10万')).toMatchObject({ baseValue: 0.0002, comparator: '<=' });
    expect(find(21, '5.9‰')).toMatchObject({ baseValue: 0.0059, comparator: '<=' });
    expect(find(21, '3%')).toMatchObject({ relativeToYear: 2016 });
    expect(find(26, '800场')).toMatchObject({ comparator: '>=', baseValue: 800 });
    expect(find(29, '67万人次')).toMatchObject({ comparator: '>=', baseValue: 670000, baseUnit: '人次' });
    expect(find(31, '10488名')).toMatchObject({ baseValue: 10488 });
    expect(seed.tasks[4]!.targets).toEqual([]); // 终生教育体系: (2016—2020年) is a span of years
    expect(seed.tasks[14]!.targets).toEqual([]); // 优抚安置: 建军90周年 is an anniversary
  });

  it('reads none of the non-targets', () => {
    const all = [...seed.keyWork.targets, ...seed.tasks.flatMap((t) => t.targets)];
    for (const raw of ['2017', '2016', '2020', '90', '65', '1223', '80', '34', '2014', '10大']) {
      expect(all.filter((t) => t.raw === raw || t.raw.startsWith(`${raw}年`) || t.raw.startsWith(`${raw}周`))).toEqual([]);
    }
    expect(all.some((t) => t.text.includes('80周岁以上老年人') && t.value === 80)).toBe(false);
    expect(all.some((t) => t.value === 3 && t.unit === '年')).toBe(false);
  });

  it('reads the key work with the 70% floor and reports the new-jobs conflict with both places', () => {
    expect(seed.keyWork.targets.find((t) => t.label === '一般公共预算民生支出比例')).toMatchObject({ comparator: '>=', baseValue: 0.7 });
    expect(seed.keyWork.targets.find((t) => t.label === '城镇新增就业')).toMatchObject({ baseValue: 34000 });
    expect(seed.conflicts).toEqual([{ label: '城镇新增就业', values: [34000, 33500], places: ['重点工作', '任务6“就业服务和管理”'] }]);
  });

  it('keeps the safeguards with their owners and ignores web debris with a warning', () => {
    expect(seed.safeguards.map((s) => s.title)).toEqual(['细化措施,齐抓共管', '加大投入,多元供给', '完善机制,统筹推进']);
    expect(seed.safeguards[0]!.owners[0]).toEqual({ org: '市发展改革委', role: 'lead' });
    expect(seed.warnings.some((w) => w.includes('bt365'))).toBe(true);
    expect(JSON.stringify(seed.tasks)).not.toContain('bt365');
  });
});

describe('other forms of the same family', () => {
  const perTask = `某市2018年基本公共服务均等化实施计划
一、总体要求
坚持保基本。
二、主要任务
（一）基本公共教育
１．学前教育。新建、改扩建幼儿园6~8所，学前三年毛入园率达到85%左右。（牵头单位：市教育局，配合单位：市财政局、市住房和城乡建设局）
２．义务教育。新建1~2所学校。
牵头单位：市教育局；配合单位：市发改委、市财政局等
（二）劳动就业
⒊就业服务。城镇新增就业不少于2.1万人，城镇登记失业率控制在4%以内。
（主办单位：市人社局）
三、保障措施
（一）加强领导。各地要加强领导。
某市人民政府办公室
2018年3月1日`;

  const plan = parsePlan(perTask);

  it('reads a title line, per-task owners inline and on their own line, and full-width numbering', () => {
    expect(plan.title).toBe('某市2018年基本公共服务均等化实施计划');
    expect(plan.issuer).toBe('某市人民政府办公室');
    expect(plan.date).toBe('2018-03-01');
    expect(plan.tasks.map((t) => [t.number, t.title, t.domain])).toEqual([
      [1, '学前教育', 1],
      [2, '义务教育', 1],
      [3, '就业服务', 2],
    ]);
    expect(plan.tasks[0]!.owners).toEqual([
      { org: '市教育局', role: 'lead' },
      { org: '市财政局', role: 'co' },
      { org: '市住房和城乡建设局', role: 'co' },
    ]);
    expect(plan.tasks[0]!.text).not.toContain('牵头单位');
    expect(plan.tasks[1]!.owners).toEqual([
      { org: '市教育局', role: 'lead' },
      { org: '市发改委', role: 'co' },
      { org: '市财政局', role: 'co' },
    ]);
    expect(plan.tasks[2]!.owners).toEqual([{ org: '市人社局', role: 'lead' }]);
  });

  it('reads ranges and approximate values', () => {
    expect(plan.tasks[0]!.targets).toMatchObject([
      { comparator: 'range', min: 6, max: 8, unit: '所' },
      { approx: true, baseValue: 0.85 },
    ]);
    expect(plan.tasks[1]!.targets).toMatchObject([{ comparator: 'range', min: 1, max: 2 }]);
    expect(plan.tasks[2]!.targets).toMatchObject([
      { comparator: '>=', baseValue: 21000 },
      { comparator: '<=', baseValue: 0.04 },
    ]);
  });

  it('reads parenthesised task numbers when they are the plan’s numbering', () => {
    const text = `二、主要任务\n(一)社会保障\n(1)养老保险。参保率达到95%。\n(2)医疗保险。参保率达到98%。\n(责任单位:市医保局、市财政局)`;
    const parsed = parsePlan(text);
    expect(parsed.tasks.map((t) => t.title)).toEqual(['养老保险', '医疗保险']);
    expect(parsed.domains[0]!.owners[0]).toEqual({ org: '市医保局', role: 'lead' });
    expect(parsed.tasks[1]!.owners).toHaveLength(2);
  });

  it('warns when no numbered task is found, instead of inventing one', () => {
    const parsed = parsePlan('一段没有结构的文字。');
    expect(parsed.tasks).toEqual([]);
    expect(parsed.warnings.some((w) => w.includes('没有识别到编号任务'))).toBe(true);
  });
});

describe('owner phrases', () => {
  it('splits at top level only and drops a trailing 等', () => {
    expect(splitOrgList('市民政局、各县(市、区)人民政府,达州经开区管委会等')).toEqual([
      '市民政局',
      '各县(市、区)人民政府',
      '达州经开区管委会',
    ]);
  });
  it('reads 牵头/责任 as lead and co', () => {
    expect(parseOwnerPhrase('牵头单位:市卫健委;责任单位:市财政局、市医保局')).toEqual([
      { org: '市卫健委', role: 'lead' },
      { org: '市财政局', role: 'co' },
      { org: '市医保局', role: 'co' },
    ]);
  });
  it('groups spellings and abbreviations of one org', () => {
    const { orgs, resolve } = groupOrgs(['市发展改革委', '市发改委', '市发展改革委', '市住房城乡建设局', '市住房和城乡建设局']);
    expect(orgs).toHaveLength(2);
    expect(resolve('市发改委')).toBe('市发展改革委');
    expect(resolve('市住房和城乡建设局')).toBe('市住房城乡建设局');
  });
});
