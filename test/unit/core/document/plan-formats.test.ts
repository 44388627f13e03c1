import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { DocumentRefused } from '../../../../src/core/document/blocks';
import { formatNumber } from '../../../../src/core/document/docx-numbering';
import { readPlanFile } from '../../../../src/core/document/plan-reading';
import { readPlanDocument } from '../../../../src/core/document/read-document';
import { parsePlan } from '../../../../src/core/plan/parse-plan';
import type { ParsedPlan } from '../../../../src/shared/plan';
import { buildDoc } from '../../../fixtures/doc-builder';
import { buildDocx } from '../../../fixtures/docx-builder';
import { announcedZipBombDocx, lyingZipBombDocx, nestedTablesDocx, pdfWithPages, scannedPdf } from '../../../fixtures/hostile-documents';
import { planAsNumberedDocx, planAsTableDocx, planAsXlsx } from '../../../fixtures/plan-documents';
import { planEssentials } from '../../../fixtures/plan-essentials';

const seedText = readFileSync(join(__dirname, '../../../../db/seed/dazhou-2017-equalization-plan.txt'), 'utf8');
const seed = parsePlan(seedText);

const expectSamePlanAsText = (plan: ParsedPlan): void => {
  expect(plan.tasks).toHaveLength(31);
  expect(planEssentials(plan)).toEqual(planEssentials(seed));
  expect(plan.conflicts).toEqual([{ label: '城镇新增就业', values: [34000, 33500], places: ['重点工作', '任务6“就业服务和管理”'] }]);
};

describe('the reference plan in every format gives the same plan', () => {
  it('as a Word file whose numbers are automatic numbering (not in the text)', async () => {
    const bytes = planAsNumberedDocx(seedText);
    const document = await readPlanDocument(bytes, '实施计划.docx');
    const texts = document.blocks.map((b) => (b.kind === 'row' ? '' : b.text));
    expect(texts).toContain('一、工作思路');
    expect(texts).toContain('(八)残疾人基本公共服务');
    expect(texts.some((t) => t.startsWith('31.残疾人基本服务。'))).toBe(true);
    expect(document.blocks.find((b) => b.kind === 'heading' && b.text === '三、主要任务')).toMatchObject({ level: 1 });
    const { plan, format } = await readPlanFile(bytes, '实施计划.docx');
    expect(format).toBe('docx');
    expectSamePlanAsText(plan);
    expect(plan.tasks[0]!.place).toMatch(/第\d+页 第8段/);
    expect(plan.warnings.some((w) => /第\d+页 第61段：已忽略与计划无关的内容“bt365/.test(w))).toBe(true);
  });

  it('as a Word file whose tasks are a table (merged domain rows, a repeated header, 牵头单位 merged down)', async () => {
    const { plan } = await readPlanFile(planAsTableDocx(seedText), '任务表.docx');
    expectSamePlanAsText(plan);
    expect(plan.tasks[0]!.place).toMatch(/表1 第3行/);
    expect(plan.tasks[30]!.text.startsWith('残疾人基本服务。为20万名残疾人')).toBe(true);
  });

  it('as an Excel workbook with a title row, a header and merged domain rows', async () => {
    const { plan, format } = await readPlanFile(planAsXlsx(seedText), '任务分解表.xlsx');
    expect(format).toBe('xlsx');
    expectSamePlanAsText(plan);
    expect(plan.tasks[5]!.place).toBe('工作表“任务分解表” 第10行');
    expect(plan.safeguards.map((s) => s.title)).toEqual(seed.safeguards.map((s) => s.title));
  });

  it('as a Word 97 (.doc) file', async () => {
    const lines = seedText.split('\n').filter((l) => l.trim() !== '');
    const { plan, format } = await readPlanFile(buildDoc(lines), '实施计划.doc');
    expect(format).toBe('doc');
    expectSamePlanAsText(plan);
  });

  it('as text in UTF-16 with a BOM, and in GBK', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(seedText, 'utf16le'))]);
    expectSamePlanAsText((await readPlanFile(utf16, 'plan.txt')).plan);
    const gbk = encodeGbk(seedText);
    const reading = await readPlanFile(gbk, 'plan.txt');
    expect(reading.encoding).toBe('gb18030');
    expectSamePlanAsText(reading.plan);
  });
});

/** GBK bytes for a text, found by decoding every two-byte code (Node has no GBK encoder). */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) table.set(decoder.decode(new Uint8Array([a, b])), [a, b]);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

describe('Word automatic numbering', () => {
  it('formats numbers as Word shows them', () => {
    expect(
      ['chineseCounting', 'decimalEnclosedCircle', 'decimalFullWidth', 'upperRoman', 'lowerLetter'].map((f) => formatNumber(12, f)),
    ).toEqual(['十二', '⑫', '１２', 'XII', 'l']);
    expect(formatNumber(21, 'chineseCountingThousand')).toBe('二十一');
  });

  it('restarts a lower level after a higher one and keeps separate lists apart; multi-level patterns', async () => {
    const bytes = buildDocx(
      [
        { kind: 'p', text: '主要任务', numId: 1, level: 0 },
        { kind: 'p', text: '教育', numId: 1, level: 1 },
        { kind: 'p', text: '学前教育', numId: 2, level: 0 },
        { kind: 'p', text: '卫生', numId: 1, level: 1 },
        { kind: 'p', text: '保障措施', numId: 1, level: 0 },
        { kind: 'p', text: '加强领导', numId: 1, level: 1 },
        { kind: 'p', text: '细则', numId: 1, level: 2 },
      ],
      {
        1: [
          { format: 'chineseCounting', pattern: '%1、' },
          { format: 'chineseCounting', pattern: '（%2）' },
          { format: 'decimal', pattern: '%2.%3' },
        ],
        2: [{ format: 'decimal', pattern: '%1．', start: 3 }],
      },
    );
    const document = await readPlanDocument(bytes, 'n.docx');
    expect(document.blocks.map((b) => (b.kind === 'row' ? '' : b.text))).toEqual([
      '一、主要任务',
      '（一）教育',
      '3．学前教育',
      '（二）卫生',
      '二、保障措施',
      '（一）加强领导',
      '一.1细则',
    ]);
  });
});

describe('files are read by what they contain, not by their name', () => {
  it('reads a .docx named .pdf and a spreadsheet named .txt', async () => {
    expect((await readPlanFile(planAsNumberedDocx(seedText), '计划.pdf')).format).toBe('docx');
    expect((await readPlanFile(planAsXlsx(seedText), '计划.txt')).format).toBe('xlsx');
  });

  it('reads a CSV task table (UTF-8 with BOM)', async () => {
    const csv =
      '\uFEFF序号,工作任务,具体内容,牵头单位,配合单位\n1,学前教育,新建幼儿园6所。,县教育局,县财政局\n2,养老服务,新增养老床位300张。,县民政局,\n';
    const { plan, format } = await readPlanFile(new TextEncoder().encode(csv), '任务.csv');
    expect(format).toBe('csv');
    expect(plan.tasks.map((t) => [t.number, t.title, t.owners.map((o) => o.org), t.targets.map((g) => g.raw)])).toEqual([
      [1, '学前教育', ['县教育局', '县财政局'], ['6所']],
      [2, '养老服务', ['县民政局'], ['300张']],
    ]);
  });

  it('reads an .xls (Excel 97) task table with a 领域 column', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['领域', '序号', '任务名称', '责任单位'],
        ['教育', 1, '新建幼儿园6所', '县教育局、县财政局'],
        ['教育', 2, '新增学位800个', '县教育局'],
        ['卫生', 3, '建成村卫生室20个', '县卫健局'],
      ]),
      '任务',
    );
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
    const { plan, format } = await readPlanFile(bytes, '任务.xls');
    expect(format).toBe('xls');
    expect(plan.domains.map((d) => d.name)).toEqual(['教育', '卫生']);
    expect(plan.tasks.map((t) => [t.number, t.domain, t.owners[0]?.org])).toEqual([
      [1, 1, '县教育局'],
      [2, 1, '县教育局'],
      [3, 2, '县卫健局'],
    ]);
  });
});

describe('a task table with a two-row header (责任单位 over 牵头单位 | 配合单位), a title row and merged domain rows', () => {
  it('maps the second header row and splits orgs written on separate lines of a cell', async () => {
    const book = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet([
      ['北岭县2023年基本公共服务重点任务分解表'],
      ['序号', '重点任务', '具体内容', '责任单位', '', '完成时限'],
      ['', '', '', '牵头单位', '配合单位', ''],
      ['一、基本公共教育'],
      [1, '学前教育', '新增普惠性学位1200个，普惠性幼儿园覆盖率达到90%以上。', '县教育局', '县财政局\n县发改局', '2023年12月'],
      [2, '义务教育', '新建义务教育学校2所。', '县教育局', '', '2023年9月'],
      ['二、社会保障'],
      [3, '养老保险', '城乡居民养老保险参保率稳定在95%以上。', '县人社局', '各乡镇', '2023年12月'],
    ]);
    const across = (r: number, c0: number, c1: number): XLSX.Range => ({ s: { r, c: c0 }, e: { r, c: c1 } });
    const down = (c: number): XLSX.Range => ({ s: { r: 1, c }, e: { r: 2, c } });
    sheet['!merges'] = [across(0, 0, 5), across(1, 3, 4), across(3, 0, 5), across(6, 0, 5), down(0), down(1), down(2), down(5)];
    XLSX.utils.book_append_sheet(book, sheet, '分解表');
    const { plan } = await readPlanFile(
      new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer),
      '分解表.xlsx',
    );
    expect(plan.title).toBe('北岭县2023年基本公共服务重点任务分解表');
    expect(plan.domains.map((d) => d.name)).toEqual(['基本公共教育', '社会保障']);
    expect(plan.tasks.map((t) => [t.number, t.title, t.domain, t.place])).toEqual([
      [1, '学前教育', 1, '工作表“分解表” 第5行'],
      [2, '义务教育', 1, '工作表“分解表” 第6行'],
      [3, '养老保险', 2, '工作表“分解表” 第8行'],
    ]);
    expect(plan.tasks[0]!.owners).toEqual([
      { org: '县教育局', role: 'lead' },
      { org: '县财政局', role: 'co' },
      { org: '县发改局', role: 'co' },
    ]);
    expect(plan.tasks[0]!.targets.map((t) => [t.value, t.unit, t.comparator])).toEqual([
      [1200, '个', '>='],
      [90, '%', '>='],
    ]);
    expect(plan.warnings).toEqual([]);
  });
});

describe('hostile and unreadable documents end with a Chinese message', () => {
  const refusal = async (bytes: Uint8Array, name: string): Promise<string> => {
    try {
      await readPlanDocument(bytes, name);
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentRefused);
      return (error as Error).message;
    }
    throw new Error(`${name} was read`);
  };

  it.each([
    ['a zip bomb announced in the directory', () => announcedZipBombDocx(), /解压后/],
    ['a zip bomb that lies about its size', () => lyingZipBombDocx(40), /比它声明的大小更大/],
    ['tables nested 5,000 deep', () => nestedTablesDocx(5000), /表格嵌套超过8层/],
    ['a PDF of 10,000 pages', () => pdfWithPages(10_000), /10000页，超过上限600页/],
    ['a scanned PDF', () => scannedPdf(), /该PDF为扫描图像，无法识别文字/],
    ['random bytes', () => new Uint8Array(4096).map((_, i) => (i * 7919) % 256), /无法识别的文件格式/],
    [
      'an OpenDocument text',
      () => zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') }),
      /OpenDocument.*另存为 \.docx/,
    ],
  ])(
    '%s',
    async (_name, build, message) => {
      const started = Date.now();
      expect(await refusal(build(), 'hostile.docx')).toMatch(message);
      expect(Date.now() - started).toBeLessThan(15_000);
    },
    30_000,
  );
});
