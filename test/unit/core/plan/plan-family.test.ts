import { describe, expect, it } from 'vitest';
import { isNumbered } from '../../../../src/core/plan/numbering';
import { parseOwnerPhrase, splitOrgList } from '../../../../src/core/plan/owners';
import { parsePlan } from '../../../../src/core/plan/parse-plan';
import { extractTargets } from '../../../../src/core/plan/targets';
import { foldWidth } from '../../../../src/core/text/fold';
import type { ParsedPlan } from '../../../../src/shared/plan';
import { CITY_2019, COUNTY_2020, DISTRICT_2021 } from '../../../fixtures/plan-family';

const leads = (plan: ParsedPlan, n: number) => plan.tasks[n - 1]!.owners.filter((o) => o.role === 'lead').map((o) => o.org);
const cos = (plan: ParsedPlan, n: number) => plan.tasks[n - 1]!.owners.filter((o) => o.role === 'co').map((o) => o.org);
const targetsOf = (plan: ParsedPlan, n: number) =>
  plan.tasks[n - 1]!.targets.map((t) => `${t.label}${t.comparator}${t.value ?? `${t.min}~${t.max}`}${t.unit}`);

/** Every numbered line of the text is a task, a section, a domain, a safeguard or a warning naming its line. */
function everyNumberedLineAccountedFor(text: string, plan: ParsedPlan): string[] {
  const missing: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!isNumbered(foldWidth(line))) return;
    const place = `第${index + 1}行`;
    const body = line.replace(/^\S*?[、.．)）]/, '').slice(0, 6);
    const found =
      plan.tasks.some((t) => t.place === place) ||
      plan.warnings.some((w) => w.startsWith(`${place}：`)) ||
      plan.sections.some((s) => body.startsWith(s.title.slice(0, 6)) || s.title.startsWith(body)) ||
      plan.domains.some((d) => body.startsWith(d.name.slice(0, 6))) ||
      plan.safeguards.some((s) => body.startsWith(s.title.slice(0, 6)));
    if (!found) missing.push(`${place} ${line}`);
  });
  return missing;
}

describe('a plan with （一） tasks and no domain level, owners on their own lines in both orders', () => {
  const plan = parsePlan(CITY_2019);

  it('reads four tasks under the 重点任务 section, the goals as key work and the closing safeguards', () => {
    expect(plan.title).toBe('江北市2019年基本公共服务均等化工作要点');
    expect(plan.sections.map((s) => s.kind)).toEqual(['approach', 'key_work', 'tasks', 'safeguards']);
    expect(plan.tasks.map((t) => [t.number, t.label, t.title])).toEqual([
      [1, '（一）', '推进义务教育优质均衡发展'],
      [2, '（二）', '完善社会保障体系'],
      [3, '（三）', '加强住房保障'],
      [4, '（四）', '提升公共文化服务'],
    ]);
    expect(plan.safeguards.map((s) => s.title)).toEqual(['加强组织领导', '强化督查考核']);
    expect(plan.tasks.map((t) => t.place)).toEqual(['第7行', '第10行', '第13行', '第14行']);
  });

  it('reads owners: 牵头 then 配合, 责任 then 牵头, 【】 inline, a bracket cut at the line end; 各县、市、区政府 whole', () => {
    expect(leads(plan, 1)).toEqual(['市教育局']);
    expect(cos(plan, 1)).toEqual(['市发展改革委', '市财政局', '各县、市、区政府']);
    expect(leads(plan, 2)).toEqual(['市人力资源社会保障局']);
    expect(cos(plan, 2)).toEqual(['市财政局', '市民政局']);
    expect(leads(plan, 3)).toEqual(['市住房城乡建设局']);
    expect(cos(plan, 3)).toEqual(['市自然资源局']);
    expect(leads(plan, 4)).toEqual(['市文化广电旅游局']);
    expect(cos(plan, 4)).toEqual(['市财政局']);
  });

  it('reads the newer target forms, and nothing that is a condition or a name', () => {
    expect(targetsOf(plan, 1)).toEqual(['改扩建中小学校>=12所', '新增学位>=8000个', '收费不超过800元的普惠性幼儿园占比>=60%']);
    expect(plan.tasks[1]!.targets[1]).toMatchObject({ label: '城乡低保标准', comparator: '<=', value: 12000, baseline: 8000 });
    expect(targetsOf(plan, 3)).toEqual(['公租房轮候时间<=3年', '新开工棚户区改造安置住房>=3000套']);
    // a quoted statement with figures is a target; the quoted name "1223" is not
    expect(targetsOf(plan, 4)).toEqual(['公共图书馆年流通人次>=120万人次']);
    expect(plan.keyWork.targets.map((t) => `${t.value}${t.unit}`)).toEqual(['26项', '78.5岁']);
  });

  it('accounts for every numbered line', () => {
    expect(everyNumberedLineAccountedFor(CITY_2019, plan)).toEqual([]);
  });
});

describe('a plan whose sections are its domains, with 3.110工程 and 一是…二是… tasks', () => {
  const plan = parsePlan(COUNTY_2020);

  it('takes 完善社会保障体系 as a domain of work, not the closing safeguards', () => {
    expect(plan.domains.map((d) => d.name)).toEqual(['完善社会保障体系', '推进教育公平发展', '加强公共卫生服务']);
    expect(plan.sections.find((s) => s.title === '组织保障')?.kind).toBe('safeguards');
    expect(plan.tasks.filter((t) => t.domain === 1).map((t) => t.title)).toEqual(['养老保险扩面', '医疗救助', '110工程']);
  });

  it('keeps the digits of a name that starts with them: task 3 is “110工程”, with its own target', () => {
    expect(plan.tasks[2]).toMatchObject({ number: 3, label: '3.', title: '110工程' });
    expect(targetsOf(plan, 3)).toEqual(['建成社区110应急服务站>=15个']);
  });

  it('reads 一是…二是… in a paragraph outside any numbered task as one task per item, sharing the paragraph’s owners', () => {
    expect(plan.tasks.slice(5).map((t) => [t.number, t.label, t.title, t.domain])).toEqual([
      [6, '一是', '提升基层服务能力', 3],
      [7, '二是', '开展家庭医生签约服务', 3],
      [8, '三是', '加强疾病防控', 3],
    ]);
    expect(targetsOf(plan, 7)).toEqual(['重点人群签约率>=70%']);
    for (const n of [6, 7, 8]) expect(leads(plan, n)).toEqual(['县卫健局']);
  });

  it('keeps 一是…二是… inside a numbered task as that task’s text', () => {
    expect(plan.tasks[4]!.title).toBe('义务教育');
    expect(plan.tasks[4]!.text).toContain('二是改善办学条件');
    expect(plan.safeguards.map((s) => s.title)).toEqual(['加强组织领导，成立工作专班', '强化资金保障，足额安排配套资金']);
  });

  it('warns about the numbered line it keeps as explanation, and accounts for every numbered line', () => {
    expect(plan.warnings.some((w) => w.startsWith('第3行：编号条目“（一）总体思路'))).toBe(true);
    expect(everyNumberedLineAccountedFor(COUNTY_2020, plan)).toEqual([]);
  });
});

describe('a plan numbering its tasks again from 1 in each domain', () => {
  const plan = parsePlan(DISTRICT_2021);

  it('numbers the tasks 1–4 in order, keeps the numbers as written, and says so', () => {
    expect(plan.tasks.map((t) => [t.number, t.label, t.domain])).toEqual([
      [1, '1.', 1],
      [2, '2.', 1],
      [3, '1.', 2],
      [4, '2.', 2],
    ]);
    expect(plan.warnings.some((w) => w.includes('已按出现顺序编为1—4'))).toBe(true);
    expect(new Set(plan.tasks.map((t) => t.number)).size).toBe(4);
  });

  it('reads owners in 〔〕 and the 重点工作 items as tasks', () => {
    expect(plan.sections[0]).toMatchObject({ kind: 'key_work', title: '重点工作' });
    expect(leads(plan, 1)).toEqual(['区人社局']);
    expect(cos(plan, 4)).toEqual(['区妇联']);
    expect(targetsOf(plan, 1)).toEqual(['城镇新增就业>=1.2万人', '城镇登记失业率<=4.5%']);
  });
});

describe('more of the family', () => {
  it('renumbers domains whose “(一)” restarts in a later section, so every domain is unique', () => {
    const plan = parsePlan(
      '一、主要任务\n(一)教育\n1.学前。新建幼儿园2所。（牵头单位：县教育局）\n二、民生实事\n(一)养老\n2.养老。新增床位100张。（牵头单位：县民政局）',
    );
    expect(plan.domains.map((d) => [d.ordinal, d.name])).toEqual([
      [1, '教育'],
      [2, '养老'],
    ]);
    expect(plan.tasks.map((t) => t.domain)).toEqual([1, 2]);
  });

  it('reads a task list with no section heading, circled numbers and “X（牵头）” roles', () => {
    const plan = parsePlan(
      '某县2021年民生实事清单\n①城乡供水。新建水厂2座。责任单位：县水务局（牵头）、县财政局\n②道路建设。新改建农村公路120公里。（责任单位：县交通局）',
    );
    expect(plan.tasks.map((t) => [t.number, t.title])).toEqual([
      [1, '城乡供水'],
      [2, '道路建设'],
    ]);
    expect(plan.tasks[0]!.owners).toEqual([
      { org: '县水务局', role: 'lead' },
      { org: '县财政局', role: 'co' },
    ]);
    expect(plan.tasks[1]!.targets[0]).toMatchObject({ value: 120, unit: '公里' });
  });

  it('warns about a domain with no numbered tasks and a task with no owners', () => {
    const plan = parsePlan(
      '三、主要任务\n（一）教育\n1.学前教育。新建幼儿园2所。\n（二）卫生\n加强基层卫生建设。\n（三）养老\n2.养老服务。新增床位100张。（牵头单位：市民政局）',
    );
    expect(plan.warnings.some((w) => w.startsWith('第4行：领域“卫生”下没有识别到编号任务'))).toBe(true);
    expect(plan.warnings.some((w) => w.includes('任务1“学前教育”没有识别到责任单位'))).toBe(true);
  });
});

describe('民生实事 numbered at the top level', () => {
  it('reads “一、title。body（owners）” items as tasks, and the closing 保障措施 as safeguards', () => {
    const plan = parsePlan(`西河市2022年十件民生实事实施方案
一、城乡居民养老保险提标。将城乡居民基础养老金提高到每人每月150元。（牵头单位：市人社局，配合单位：市财政局）
二、新建公办幼儿园。新建、改扩建公办幼儿园10所，新增学位3000个。（牵头单位：市教育局）
三、老旧小区改造。改造老旧小区50个、惠及居民1.2万户。
牵头单位：市住建局
四、保障措施
（一）加强领导。各责任单位要加强领导。`);
    expect(plan.tasks.map((t) => [t.number, t.label, t.title, t.owners[0]?.org])).toEqual([
      [1, '一、', '城乡居民养老保险提标', '市人社局'],
      [2, '二、', '新建公办幼儿园', '市教育局'],
      [3, '三、', '老旧小区改造', '市住建局'],
    ]);
    expect(plan.tasks[1]!.targets.map((t) => t.value)).toEqual([10, 3000]);
    expect(plan.safeguards.map((s) => s.title)).toEqual(['加强领导']);
  });
});

describe('owners written with role words and no labels', () => {
  it('reads “（X牵头，Y、Z按职责分工负责）”, drops “各有关部门”, and stops a 责任单位 list at 完成时限', () => {
    const plan = parsePlan(`三、重点任务
（一）推进基本公共服务标准化。制定市级基本公共服务实施标准，涵盖9大类80项服务。（市发展改革委牵头，市财政局、市人力资源社会保障局按职责分工负责）
（二）提高医疗保障水平。城乡居民医保财政补助标准提高到每人每年610元。（市医保局牵头，各有关部门按职责分工负责）
（三）扩大普惠养老服务。新增养老床位2000张。责任单位：市民政局；完成时限：2023年底`);
    expect(plan.tasks.map((t) => t.owners)).toEqual([
      [
        { org: '市发展改革委', role: 'lead' },
        { org: '市财政局', role: 'co' },
        { org: '市人力资源社会保障局', role: 'co' },
      ],
      [{ org: '市医保局', role: 'lead' }],
      [{ org: '市民政局', role: 'lead' }],
    ]);
    expect(plan.tasks[1]!.targets[0]).toMatchObject({ label: '城乡居民医保财政补助标准每人每年', value: 610, unit: '元' });
    expect(plan.tasks[0]!.text).not.toContain('牵头');
  });
});

describe('owner phrases of the family', () => {
  it('keeps a list of kinds of government sharing one suffix whole', () => {
    expect(splitOrgList('市财政局、各县、市、区政府、市民政局')).toEqual(['市财政局', '各县、市、区政府', '市民政局']);
    expect(splitOrgList('各县（市、区）人民政府、市教育局')).toEqual(['各县（市、区）人民政府', '市教育局']);
    expect(splitOrgList('市县、区')).toEqual(['市县', '区']);
  });

  it('puts the lead first whatever the order written', () => {
    expect(parseOwnerPhrase('配合单位：市财政局；牵头单位：市教育局')).toEqual([
      { org: '市教育局', role: 'lead' },
      { org: '市财政局', role: 'co' },
    ]);
    expect(parseOwnerPhrase('【牵头单位：市卫健委】')).toEqual([{ org: '市卫健委', role: 'lead' }]);
  });
});

describe('target forms of the family', () => {
  const one = (text: string) => {
    const targets = extractTargets(text);
    expect(targets, text).toHaveLength(1);
    return targets[0]!;
  };
  it.each([
    ['城乡低保标准由8000元以下提高到12000元以下。', { comparator: '<=', value: 12000, baseline: 8000, label: '城乡低保标准' }],
    ['人均预期寿命达到78.5岁。', { comparator: '>=', value: 78.5, unit: '岁', label: '人均预期寿命' }],
    ['基本公共服务清单涵盖9大类26项服务。', { value: 26, unit: '项' }],
    ['公租房轮候时间不超过3年。', { comparator: '<=', value: 3, unit: '年' }],
    ['收费不超过800元的普惠性幼儿园占比达到60%以上。', { comparator: '>=', value: 60, unit: '%' }],
    ['坚持“城乡居民基本养老保险参保率达到95%以上”的目标。', { value: 95, label: '城乡居民基本养老保险参保率' }],
    ['企业开办时间压减至3个工作日以内。', { comparator: '<=', value: 3, unit: '个工作日' }],
  ])('“%s”', (text, expected) => {
    expect(one(text)).toMatchObject(expected);
  });

  it.each([
    '为80岁以上高龄老人提供服务',
    '年满60周岁的老年人',
    '连续缴费满6个月',
    '依法参加失业保险3年以上的企业职工',
    '实施“十三五”规划和“1223”工程',
    '推进“三医联动”改革',
  ])('“%s” has no target', (text) => {
    expect(extractTargets(text)).toEqual([]);
  });
});
