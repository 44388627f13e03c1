import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { type BudgetViewAnswer, budgetViewFromAnswer } from '../../src/shared/budget';
import type { BudgetInspect, BudgetMapped, PacketPreview, RoundTripPreview } from '../../src/shared/exchange';
import type { TargetRow } from '../../src/shared/grid';
import { invoker, newWorkbook, tempDir } from './helpers';
import { gb18030 } from '../fixtures/gb18030';

type Invoke = ReturnType<typeof invoker>;

async function ok<T>(invoke: Invoke, channel: string, input: unknown = {}): Promise<T> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
}

async function exportTo(invoke: Invoke, path: string): Promise<void> {
  invoke.dialogs.save = path;
  await ok(invoke, 'xlsx-export');
}

async function preview(invoke: Invoke, path: string): Promise<RoundTripPreview> {
  invoke.dialogs.open = path;
  return ok<RoundTripPreview>(invoke, 'xlsx-import-preview');
}

/** Edits cells of a saved .xlsx the way a user would in Excel. */
function editXlsx(path: string, sheet: string, edits: Record<string, string | number | null>): void {
  const book = XLSX.read(readFileSync(path), { type: 'buffer' });
  const ws = book.Sheets[sheet] as XLSX.WorkSheet;
  for (const [address, value] of Object.entries(edits)) {
    if (value === null) delete ws[address];
    else ws[address] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
    // a cell typed below the data grows the sheet, as it does in Excel
    const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
    const cell = XLSX.utils.decode_cell(address);
    range.e.r = Math.max(range.e.r, cell.r);
    range.e.c = Math.max(range.e.c, cell.c);
    ws['!ref'] = XLSX.utils.encode_range(range);
  }
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

const sheetRows = (path: string, sheet: string) =>
  XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(path), { type: 'buffer' }).Sheets[sheet] as XLSX.WorkSheet, {
    header: 1,
    raw: true,
  });

describe('export and round-trip import', () => {
  it('an untouched export imports as no change, and export → import → export gives the same data', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    await ok(invoke, 'scenario-create', { name: '方案A' });
    // a range in 万人: the row, the exported cell and the comparison on import all read it as written
    const { targets } = await ok<{ targets: TargetRow[] }>(invoke, 'target-list');
    const jobs = targets.find((t) => t.label === '城镇新增就业');
    const [ranged] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [
        { targetId: jobs?.id, field: 'comparator', value: '区间' },
        { targetId: jobs?.id, field: 'value', value: '3~4.5万人' },
      ],
    });
    expect(ranged).toMatchObject({ comparator: 'range', unit: '万人', min: 3, max: 4.5 });
    const first = join(dir, 'first.xlsx');
    await exportTo(invoke, first);
    const book = XLSX.read(readFileSync(first), { type: 'buffer', cellNF: true });
    expect(book.SheetNames).toEqual(['任务', '指标', '责任单位', '任务分工表', '预算', '情景·方案A', '情景对比']);
    expect(sheetRows(first, '指标').some((row) => row.includes('城镇新增就业') && row.includes('3~4.5'))).toBe(true);
    // a merged title row, 单位：万元, number formats
    expect(book.Sheets['预算']?.['!merges']?.[0]).toEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: 10 } });
    expect(String(book.Sheets['预算']?.A2?.v)).toContain('单位：万元');
    expect(String(book.Sheets['预算']?.A2?.v)).toContain('示例数据（非真实预算）');
    expect(book.Sheets['预算']?.F4?.z).toBe('#,##0.00');
    // frozen header rows, written at the XML level
    const zip = XLSX.CFB.read(readFileSync(first), { type: 'buffer' });
    const sheet1 = zip.FullPaths.findIndex((p: string) => p.endsWith('sheet1.xml'));
    const xml = Buffer.from(zip.FileIndex[sheet1]!.content as Uint8Array).toString();
    expect(xml).toContain('state="frozen"');
    // in schema order around the untouched cells: sheetPr first, pageSetup right after pageMargins
    expect(xml).toMatch(/^<\?xml[^>]*>\s*<worksheet[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(xml).toMatch(/<pageMargins[^>]*\/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    expect(xml.indexOf('<sheetView')).toBeLessThan(xml.indexOf('<sheetData'));
    expect(xml.lastIndexOf('</sheetData>')).toBeLessThan(xml.indexOf('<pageMargins'));

    const untouched = await preview(invoke, first);
    expect(untouched.problems).toEqual([]);
    expect(untouched.count).toBe(0);
    expect((await ok<{ applied: number }>(invoke, 'xlsx-import-apply', { token: untouched.token })).applied).toBe(0);
    const second = join(dir, 'second.xlsx');
    await exportTo(invoke, second);
    for (const name of ['任务', '指标', '责任单位', '任务分工表', '预算', '情景·方案A']) {
      expect(sheetRows(second, name).slice(2), name).toEqual(sheetRows(first, name).slice(2));
    }
  });

  it('cells edited in Excel come back as one undoable action, after a preview per sheet', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const file = join(dir, 'edited.xlsx');
    await exportTo(invoke, file);
    // 任务: row 4 is task 1; 指标: the 城镇新增就业 row's 实际值; 预算: 预备费 amount; a new line with no 行ID
    const targets = sheetRows(file, '指标');
    const jobsRow = targets.findIndex((r) => r[3] === '城镇新增就业' && r[1] === 6) + 1;
    const budget = sheetRows(file, '预算');
    const reserveRow = budget.findIndex((r) => r[2] === '预备费') + 1;
    editXlsx(file, '任务', { I4: '推进中', K4: '已召开推进会' });
    editXlsx(file, '指标', { [`I${jobsRow}`]: '3.4万' });
    editXlsx(file, '预算', {
      [`F${reserveRow}`]: 35000,
      [`B${budget.length + 1}`]: '2080202',
      [`C${budget.length + 1}`]: '新增：社会福利',
      [`F${budget.length + 1}`]: 1234.5,
    });
    const result = await preview(invoke, file);
    expect(result.problems).toEqual([]);
    expect(result.count).toBe(5);
    expect(result.summary.find((s) => s.sheet === '任务')).toMatchObject({ changed: 1 });
    expect(result.summary.find((s) => s.sheet === '预算')).toMatchObject({ changed: 1, added: 1, removed: 0 });
    expect(result.changes.map((c) => c.after)).toContain('3.4万');
    await ok(invoke, 'xlsx-import-apply', { token: result.token });
    expect(workbook.db.prepare('SELECT status, remark FROM task WHERE number = 1').get()).toEqual({
      status: 'in_progress',
      remark: '已召开推进会',
    });
    expect(workbook.db.prepare("SELECT amount_fen AS a FROM budget_line WHERE name = '预备费'").get()).toEqual({ a: 35_000_000_000 });
    expect(workbook.db.prepare("SELECT amount_fen AS a FROM budget_line WHERE name = '新增：社会福利'").get()).toEqual({
      a: 1_234_500_000,
    });
    const history = await ok<{ undoLabel: string }>(invoke, 'history-state');
    expect(history.undoLabel).toContain('导入Excel：edited.xlsx（5处修改）');
    await ok(invoke, 'history-undo');
    expect(workbook.db.prepare('SELECT status FROM task WHERE number = 1').get()).toEqual({ status: 'not_started' });
    expect(workbook.db.prepare("SELECT COUNT(*) AS n FROM budget_line WHERE name = '新增：社会福利'").get()).toEqual({ n: 0 });
  });

  it('any bad cell refuses the whole file, naming sheet, row and column', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const file = join(dir, 'bad.xlsx');
    await exportTo(invoke, file);
    editXlsx(file, '任务', { I4: '推进中', I5: '快好了' });
    editXlsx(file, '预算', { F4: 12.3456789 });
    const before = workbook.db.prepare('SELECT * FROM task').all();
    const result = await preview(invoke, file);
    expect(result.problems).toEqual([{ where: '工作表“预算” 第4行 F列', message: expect.stringContaining('分') }]);
    const apply = await invoke('xlsx-import-apply', { token: result.token });
    expect(apply.ok).toBe(false);
    editXlsx(file, '预算', { F4: 138000 });
    const second = await preview(invoke, file);
    const refused = await invoke('xlsx-import-apply', { token: second.token });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.details).toEqual([{ where: '工作表“任务” 第5行 I列', message: expect.stringContaining('快好了') }]);
    expect(workbook.db.prepare('SELECT * FROM task').all()).toEqual(before);
  });

  it('in the 预算 sheet, a bad added line and a bad edit are both listed, and nothing is written', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const file = join(dir, 'bad-budget.xlsx');
    await exportTo(invoke, file);
    const budget = sheetRows(file, '预算');
    const reserveRow = budget.findIndex((r) => r[2] === '预备费') + 1;
    const added = budget.length + 1;
    // an existing line's 科目编码 made too short, and a new line whose code is no class of the 2017 classification
    editXlsx(file, '预算', { [`B${reserveRow}`]: '12', [`B${added}`]: '9990101', [`C${added}`]: '新增：不存在的科目', [`F${added}`]: 100 });
    const before = workbook.db.prepare('SELECT * FROM budget_line ORDER BY id').all();
    const result = await preview(invoke, file);
    expect(result.problems).toEqual([]);
    const refused = await invoke('xlsx-import-apply', { token: result.token });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toBe('2个单元格无法保存，整批未做任何修改。');
      expect(refused.error.details).toEqual([
        { where: `工作表“预算” 第${reserveRow}行 B列`, message: '“12”：科目编码应为3到12位数字（如2050202），“12”不是' },
        {
          where: `工作表“预算” 第${added}行 B列`,
          message: '“新增：不存在的科目”：科目编码“9990101”的前三位不是2017年支出功能分类中的类级科目',
        },
      ]);
    }
    expect(workbook.db.prepare('SELECT * FROM budget_line ORDER BY id').all()).toEqual(before);
  });
});

describe('budget import from the user own sheet', () => {
  it('maps a sheet in 万元 and one in 元 to the same budget; the new baseline keeps the old one', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const write = (name: string, unitLine: string, factor: number): string => {
      const path = join(dir, name);
      const rows = [
        [`2018年一般公共预算支出表`],
        [unitLine],
        ['功能科目编码', '功能科目名称', '预算数'],
        [2050202, '小学教育', 12345.67 * factor],
        ['2080501', '行政单位离退休', 5000 * factor],
        ['', '合计', 17345.67 * factor],
      ];
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '支出表');
      writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
      return path;
    };
    for (const [file, unit] of [
      [write('wan.xlsx', '单位：万元', 1), 'wan'],
      [write('yuan.xlsx', '单位：元', 10_000), 'yuan'],
    ] as const) {
      invoke.dialogs.open = file;
      const inspect = await ok<BudgetInspect>(invoke, 'budget-import-inspect');
      expect(inspect.guess).toMatchObject({ sheet: '支出表', headerRow: 2, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit });
      const mapped = await ok<BudgetMapped>(invoke, 'budget-import-preview', { token: inspect.token, mapping: inspect.guess });
      expect(mapped).toMatchObject({ count: 2, skipped: 1, totalFen: 17_345_670_000, problems: [] });
      const baseline = await ok<{ id: number; kind: string }>(invoke, 'budget-import-apply', {
        token: inspect.token,
        mapping: inspect.guess,
        baselineName: `2018年预算（${unit}）`,
      });
      expect(baseline.kind).toBe('baseline');
      const view = budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', { scenarioId: baseline.id }));
      expect(view.lines.map((l) => [l.code, l.amountFen])).toEqual([
        ['2050202', 12_345_670_000],
        ['2080501', 5_000_000_000],
      ]);
    }
    const scenarios = (await ok<BudgetViewAnswer>(invoke, 'budget-view')).scenarios;
    expect(scenarios.filter((s) => s.kind === 'baseline').map((s) => s.name)).toEqual([
      '示例基线（非真实预算）',
      '2018年预算（wan）',
      '2018年预算（yuan）',
    ]);
  });

  it('an imported budget is one compact change: undo removes every line, redo puts the same lines back', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const path = join(dir, 'big.xlsx');
    const rows: unknown[][] = [['科目编码', '科目名称', '金额（元）']];
    for (let i = 0; i < 500; i++) rows.push([i % 2 ? '2050202' : '2080501', `项目${i + 1}`, 1000 + i + 0.25]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '预算');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    invoke.dialogs.open = path;
    const inspect = await ok<BudgetInspect>(invoke, 'budget-import-inspect');
    const changesBefore = (workbook.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
    const baseline = await ok<{ id: number }>(invoke, 'budget-import-apply', {
      token: inspect.token,
      mapping: inspect.guess,
      baselineName: '五百行',
    });
    const linesOf = () => workbook.db.prepare('SELECT * FROM budget_line WHERE baseline_id = ? ORDER BY id').all(baseline.id);
    const imported = linesOf();
    expect(imported).toHaveLength(500);
    // the scenario row and one range record, not 501 change rows
    expect((workbook.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n - changesBefore).toBe(2);
    const log = await ok<{ op: string; what: string; fieldLabel: string }[]>(invoke, 'change-log-list', { limit: 2 });
    expect(log[0]).toMatchObject({ op: 'insert_range', what: '500条预算行', fieldLabel: '批量新增' });

    await ok(invoke, 'history-undo');
    expect(linesOf()).toHaveLength(0);
    expect(workbook.db.prepare('SELECT 1 FROM scenario WHERE id = ?').get(baseline.id)).toBeUndefined();
    await ok(invoke, 'history-redo');
    expect(linesOf()).toEqual(imported);
    await ok(invoke, 'history-undo');
    await ok(invoke, 'history-redo');
    expect(linesOf()).toEqual(imported);
    const view = budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', { scenarioId: baseline.id }));
    expect(view.lines[0]).toMatchObject({ code: '2080501', name: '项目1', amountFen: 100_025 });
  });

  it('reads a GB18030 CSV as Chinese Excel saves it, and lists every bad cell', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const path = join(dir, '预算.csv');
    const text =
      '科目编码,科目名称,金额（元）\r\n2050202,小学教育,"1,234.50"\r\n2100408,基本公共卫生服务,800\r\n9990101,不存在的类,5\r\n2080501,离退休,12.345\r\n';
    writeFileSync(path, gb18030(text));
    invoke.dialogs.open = path;
    const inspect = await ok<BudgetInspect>(invoke, 'budget-import-inspect');
    expect(inspect.encoding).toBe('gb18030');
    expect(inspect.sheets[0]?.preview[1]).toEqual(['2050202', '小学教育', '1,234.50']);
    expect(inspect.guess).toMatchObject({ unit: 'yuan', amountColumn: 2 });
    const mapped = await ok<BudgetMapped>(invoke, 'budget-import-preview', { token: inspect.token, mapping: inspect.guess });
    expect(mapped.problems.map((p) => p.where)).toEqual(['工作表“预算” 第4行 A列', '工作表“预算” 第5行 C列']);
    expect((await invoke('budget-import-apply', { token: inspect.token, mapping: inspect.guess, baselineName: 'x' })).ok).toBe(false);
  });
});

describe('per-org packets', () => {
  it('an org fills its packet; each returned change can be accepted or rejected; the log names the sender', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const orgs = await ok<{ id: number; name: string }[]>(invoke, 'org-list');
    const hr = orgs.find((u) => u.name === '市人力资源社会保障局') as { id: number };
    const file = join(dir, 'packet.xlsx');
    invoke.dialogs.save = file;
    expect(await ok(invoke, 'packet-export', { orgId: hr.id })).toEqual({ files: [file] });
    const rows = sheetRows(file, '报送表');
    expect(String(rows[1]?.[0])).toContain('报送单位：市人力资源社会保障局');
    const jobs = rows.findIndex((r) => r[3] === '城镇新增就业') + 1;
    const rate = rows.findIndex((r) => r[3] === '城乡居民参保率') + 1;
    editXlsx(file, '报送表', { [`I${jobs}`]: 3.6, [`J${jobs}`]: '1—10月数据', [`I${rate}`]: 97 });
    invoke.dialogs.open = file;
    const received = await ok<PacketPreview>(invoke, 'packet-import-preview');
    expect(received.orgName).toBe('市人力资源社会保障局');
    expect(received.changes.map((c) => [c.label, c.field, c.after])).toEqual([
      ['城镇新增就业', 'actual', '3.6'],
      ['城镇新增就业', 'note', '1—10月数据'],
      ['城乡居民参保率', 'actual', '97'],
    ]);
    // accept the first two, reject the third
    const applied = await ok<{ applied: number }>(invoke, 'packet-import-apply', { token: received.token, acceptIds: [1, 2] });
    expect(applied.applied).toBe(2);
    const targets = (await ok<{ targets: TargetRow[] }>(invoke, 'target-list')).targets;
    expect(targets.find((t) => t.label === '城镇新增就业' && t.taskNumber === 6)).toMatchObject({ actual: 3.6, note: '1—10月数据' });
    expect(targets.find((t) => t.label === '城乡居民参保率')?.actual).toBeNull();
    const log = await ok<{ label: string; reason: string }[]>(invoke, 'change-log-list');
    expect(log[0]).toMatchObject({
      label: expect.stringContaining('单位报送：市人力资源社会保障局'),
      reason: expect.stringContaining('报送单位：市人力资源社会保障局'),
    });
  });

  it('exports every org into one folder under names Windows accepts, numbering names that collide', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    // two orgs whose names differ only by a line break, and a device name: all three need distinct, valid files
    const ids = workbook.db.prepare('SELECT id FROM unit ORDER BY id LIMIT 3').all() as { id: number }[];
    const rename = workbook.db.prepare('UPDATE unit SET name = ? WHERE id = ?');
    rename.run('市教育局', ids[0]?.id);
    rename.run('市教育局\n', ids[1]?.id);
    rename.run('CON', ids[2]?.id);
    invoke.dialogs.folder = dir;
    const { files } = await ok<{ files: string[] }>(invoke, 'packet-export', {});
    const names = files.map((f) => f.slice(dir.length + 1));
    expect(names).toEqual(expect.arrayContaining(['市教育局-指标报送表.xlsx', '市教育局-指标报送表（2）.xlsx', 'CON-指标报送表.xlsx']));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.every((n) => !/[\r\n\t<>:"|?*]/.test(n))).toBe(true);
  });

  it('a batch of packets is not stopped by one file it cannot write: the rest are written and the page is told which', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    invoke.dialogs.folder = dir;
    const { files } = await ok<{ files: string[] }>(invoke, 'packet-export', {});
    for (const file of files) rmSync(file);
    // a folder where the education bureau's file goes: no rename can put a file there
    const blocked = files.find((f) => f.endsWith('市教育局-指标报送表.xlsx')) as string;
    mkdirSync(blocked);
    const result = await invoke('packet-export', {});
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringContaining(`已导出${files.length - 1}个单位的报送表，另有1个未能写入`) },
    });
    expect(!result.ok && result.error.details).toEqual([
      { where: '市教育局-指标报送表.xlsx', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
    ]);
    expect(files.filter((f) => f !== blocked).every((f) => existsSync(f))).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('saves an export under the type its dialog was for when the name was typed without an extension', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    invoke.dialogs.save = join(dir, '导出');
    expect(await ok<{ path: string }>(invoke, 'xlsx-export')).toMatchObject({ path: join(dir, '导出.xlsx') });
    expect(readFileSync(join(dir, '导出.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a packet that reports targets the org does not own', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const orgs = await ok<{ id: number; name: string }[]>(invoke, 'org-list');
    const education = orgs.find((u) => u.name === '市教育局') as { id: number };
    const file = join(dir, 'edu.xlsx');
    invoke.dialogs.save = file;
    await ok(invoke, 'packet-export', { orgId: education.id });
    editXlsx(file, '报送表', { A2: '报送单位：市残联' });
    invoke.dialogs.open = file;
    const received = await ok<PacketPreview>(invoke, 'packet-import-preview');
    expect(received.problems.length).toBeGreaterThan(0);
    expect(received.problems[0]?.message).toContain('不是“市残联”牵头或配合的任务');
  });
});
