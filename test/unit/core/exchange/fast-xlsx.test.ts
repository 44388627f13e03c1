import { strToU8, zipSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { InflatedTooLarge } from '../../../../src/core/document/zip-entries';
import { readXlsx, readXlsxWithSheetJs } from '../../../../src/core/exchange/read-xlsx';
import { readXlsxFast, SpreadsheetRefused } from '../../../../src/core/exchange/read-xlsx-fast';

/**
 * The fast .xlsx reader against SheetJS on the same bytes: files written by SheetJS and files written by hand
 * (what Excel, WPS and LibreOffice write: shared strings, rich text, inline strings, entities, sparse rows,
 * cells without addresses), and the files it must leave to SheetJS.
 */

const nodeInflate = (data: Uint8Array, maxBytes: number): Uint8Array => {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InflatedTooLarge();
    throw error;
  }
};

function sameAsSheetJs(bytes: Uint8Array, limits = { maxRows: 200_000, maxColumns: 200 }) {
  const expected = readXlsxWithSheetJs(bytes, 'file.xlsx', limits);
  const fast = readXlsxFast(bytes, 'file.xlsx', limits);
  expect(fast).not.toBeNull();
  expect(fast).toEqual(expected);
  // Node's inflate (the parser process's) gives the same
  expect(readXlsxFast(bytes, 'file.xlsx', limits, nodeInflate)).toEqual(expected);
  return expected;
}

function sheetJsFile(
  sheets: Record<string, unknown[][]>,
  options: { bookSST?: boolean; merges?: XLSX.Range[]; cellDates?: boolean } = {},
): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: options.cellDates });
    if (options.merges) sheet['!merges'] = options.merges;
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  return new Uint8Array(
    XLSX.write(book, { type: 'array', bookType: 'xlsx', bookSST: options.bookSST ?? false, compression: true }) as ArrayBuffer,
  );
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal package written by hand: one or more sheets' XML, optional shared strings. */
function handFile(sheetXml: string[], sharedStrings?: string, names?: string[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetXml.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetXml.map((_, i) => `<sheet name="${names?.[i] ?? `Sheet${i + 1}`}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetXml.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}${sharedStrings ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>` : ''}</Relationships>`,
    ),
  };
  sheetXml.forEach((xml, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml);
  });
  if (sharedStrings) files['xl/sharedStrings.xml'] = strToU8(sharedStrings);
  return zipSync(files);
}

const sheet = (data: string, after = ''): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${data}</sheetData>${after}</worksheet>`;
const sst = (items: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="9" uniqueCount="9">${items}</sst>`;

describe('the fast .xlsx reader gives what SheetJS gives', () => {
  const rows = [
    ['科目编码', '科目名称', '金额', '备注'],
    ['2050202', '小学教育', 1234.5, null],
    [2080501, ' 前后空格 ', -0.000001, true],
    [null, null, null, null],
    ['A & B < C > D "E" \'F\'', '换行\n第二行', 1e21, false],
    [],
    ['', 'x', 0, '2017-06-30'],
  ];

  it('inline-text cells (SheetJS default) and shared strings (bookSST), several sheets, merges', () => {
    for (const bookSST of [false, true]) {
      const bytes = sheetJsFile(
        { 预算: rows, 'R&D <二>': [['a'], [], [], ['b', 2]] },
        { bookSST, merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }] },
      );
      const data = sameAsSheetJs(bytes);
      expect(data.sheets.map((s) => s.name)).toEqual(['预算', 'R&D <二>']);
      expect(data.sheets[0]?.rows[4]?.[0]).toBe('A & B < C > D "E" \'F\'');
      expect(data.sheets[0]?.merges).toEqual([{ startRow: 0, startColumn: 0, endRow: 0, endColumn: 3 }]);
    }
  });

  it('dates written as dates are numbers (serial days), as SheetJS reads them without cellDates', () => {
    const bytes = sheetJsFile({ 日期: [['日期'], [new Date(Date.UTC(2017, 5, 30))]] }, { cellDates: false });
    const data = sameAsSheetJs(bytes);
    expect(typeof data.sheets[0]?.rows[1]?.[0]).toBe('number');
  });

  it('shared strings with rich-text runs, phonetic runs, xml:space, entities and _xHHHH_ escapes', () => {
    const strings = sst(
      [
        '<si><t>plain</t></si>',
        '<si><r><rPr><b/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体 </t></r></si>',
        '<si><t xml:space="preserve">  spaced  </t></si>',
        '<si><t>&#x4E2D;&#25991;&amp;&lt;&gt;&quot;&apos;</t></si>',
        '<si><t>a_x000D_b_x0009_c</t></si>',
        '<si><t>行一\r\n行二</t></si>',
        '<si><r><t>漢字</t></r><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t/></si>'.replace('<t/>', '<t></t>'),
        '<si>\n  <t>indented</t>\n</si>',
      ].join(''),
    );
    const cells = Array.from({ length: 9 }, (_, i) => `<c r="A${i + 1}" t="s"><v>${i}</v></c>`);
    const bytes = handFile([sheet(cells.map((c, i) => `<row r="${i + 1}">${c}</row>`).join('\n'))], strings);
    const data = sameAsSheetJs(bytes);
    expect(data.sheets[0]?.rows.map((r) => r[0])).toEqual([
      'plain',
      '粗 体 ',
      '  spaced  ',
      '中文&<>"\'',
      'a\rb\tc',
      '行一\n行二',
      '漢字',
      '',
      'indented',
    ]);
  });

  it('inline strings, booleans, errors, formulas with cached values, empty and self-closing cells', () => {
    const data = sameAsSheetJs(
      handFile([
        sheet(
          [
            '<row r="1"><c r="A1" t="inlineStr"><is><t>内联</t></is></c><c r="B1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c><c r="C1" t="inlineStr"/></row>',
            '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" t="e"><v>#N/A</v></c></row>',
            '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C3"><f>A1</f></c><c r="D3" t="str"><f>""</f><v></v></c></row>',
            '<row r="4"><c r="A4" s="3"/><c r="B4"><v></v></c><c r="C4" s="1"><v>3.25</v></c><c r=\'D4\' t=\'n\'><v>-7</v></c></row>',
          ].join(''),
        ),
      ]),
    );
    expect(data.sheets[0]?.rows[1]).toEqual([true, false, '#错误', '#错误']);
  });

  it('rows and cells without addresses, sparse rows, whitespace between elements, a row address ahead of its cells', () => {
    const data = sameAsSheetJs(
      handFile([
        sheet(
          [
            '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>',
            '\n  <row>\n    <c t="inlineStr"><is><t>second</t></is></c>\n  </row>',
            '<row r="10" spans="1:3"><c r="C10"><v>10</v></c></row>',
            '<row><c><v>11</v></c></row>',
            '<row r="12"><c r="B13"><v>13</v></c></row>',
          ].join(''),
          '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C10"/></mergeCells>',
        ),
      ]),
    );
    expect(data.sheets[0]?.rows[0]).toEqual([1, 2, null, null, 5, 6]);
    expect(data.sheets[0]?.rows[10]).toEqual([11]);
  });

  it('limits: the first cell past the row or column cap is named the same way; an over-long cell is refused by both', () => {
    const bytes = sheetJsFile({ 表: [['a', 'b', 'c'], [1, 2, 3], [4, 5, 6, 7], [8]] });
    sameAsSheetJs(bytes, { maxRows: 2, maxColumns: 3 });
    sameAsSheetJs(bytes, { maxRows: 10, maxColumns: 3 });
    const long = handFile([sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row>`)]);
    expect(() => readXlsxFast(long, 'long.xlsx')).toThrow(SpreadsheetRefused);
    expect(() => readXlsxWithSheetJs(long, 'long.xlsx')).toThrow(SpreadsheetRefused);
  });

  it('a 2,000-row sheet of mixed cells, both ways of writing strings', () => {
    const many = Array.from({ length: 2000 }, (_, i) => [
      `${2_000_000 + i}`,
      `项目${i}`,
      i * 1.01,
      i % 7 === 0 ? null : i % 3 === 0,
      i % 5 === 0 ? '' : `备注 & ${i}`,
    ]);
    sameAsSheetJs(sheetJsFile({ 行: many }, { bookSST: true }));
    sameAsSheetJs(sheetJsFile({ 行: many }, { bookSST: false }));
  });

  it('a text-only sheet of inline strings (as streaming writers such as Apache POI make them) and empty inline cells', () => {
    // every cell lacks <v>: the reader must not search the rest of the sheet for one (that was quadratic: 8,000
    // rows took 91 s and ran into the parser's time limit)
    const rows = Array.from(
      { length: 8000 },
      (_, r) =>
        `<row r="${r + 1}">${Array.from({ length: 8 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>文本${r}-${c}</t></is></c>`).join('')}<c r="I${r + 1}" t="inlineStr"/></row>`,
    );
    const bytes = handFile([sheet(rows.join(''))]);
    const read = sameAsSheetJs(bytes);
    expect(read.sheets[0]?.rows[7999]?.[7]).toBe('文本7999-7');
  });
});

describe('what the fast reader leaves to SheetJS (readXlsx then gives SheetJS’s answer)', () => {
  const cases: [string, Uint8Array][] = [
    ['a date-typed cell (t="d")', handFile([sheet('<row r="1"><c r="A1" t="d"><v>2017-06-30T00:00:00Z</v></c></row>')])],
    [
      'prefixed elements',
      handFile([
        `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      ]),
    ],
    [
      'strict OOXML',
      handFile([sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace(MAIN, 'http://purl.oclc.org/ooxml/spreadsheetml/main')]),
    ],
    ['CDATA text', handFile([sheet('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>')])],
    ['a comment among the rows', handFile([sheet('<!-- x --><row r="1"><c r="A1"><v>1</v></c></row>')])],
    [
      'a shared string index past the table',
      handFile([sheet('<row r="1"><c r="A1" t="s"><v>5</v></c></row>')], sst('<si><t>only</t></si>')),
    ],
    ['an uppercase entity', handFile([sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a&AMP;b</t></is></c></row>')])],
    ['a lowercase cell address', handFile([sheet('<row r="1"><c r="a1"><v>1</v></c></row>')])],
  ];
  it.each(cases)('%s', (_, bytes) => {
    expect(readXlsxFast(bytes, 'file.xlsx')).toBeNull();
    let expected: unknown;
    try {
      expected = readXlsxWithSheetJs(bytes, 'file.xlsx');
    } catch (error) {
      expected = error;
    }
    if (expected instanceof Error) expect(() => readXlsx(bytes, 'file.xlsx')).toThrow();
    else expect(readXlsx(bytes, 'file.xlsx')).toEqual(expected);
  });

  it('a row past Excel’s last row is refused with the sheet named, not read (SheetJS would loop for minutes)', () => {
    for (const rows of ['<row r="2000000000"><c><v>1</v></c></row>', '<row><c r="A1048577"><v>1</v></c></row>']) {
      const bytes = handFile([sheet(rows)]);
      expect(() => readXlsxFast(bytes, 'file.xlsx')).toThrow(SpreadsheetRefused);
      expect(() => readXlsx(bytes, 'file.xlsx')).toThrow(/工作表“.+”中有第\d+行，超过Excel的最大行数（1048576行）/);
    }
  });

  it('a legacy .xls is SheetJS’s', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['a', 1]]), 'S');
    const xls = XLSX.write(book, { type: 'array', bookType: 'biff8' }) as ArrayBuffer;
    expect(readXlsxFast(new Uint8Array(xls), 'old.xls')).toBeNull();
    expect(readXlsx(new Uint8Array(xls), 'old.xls').sheets[0]?.rows).toEqual([['a', 1]]);
  });
});

describe('a ZIP that understates a part is refused, not inflated to the end', () => {
  it('with fflate and with Node’s inflate', () => {
    const bytes = Buffer.from(sheetJsFile({ 表: Array.from({ length: 500 }, (_, i) => [`行${i}`, i]) }));
    // the central directory and the local header both claim the sheet is 100 bytes
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
      if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(100, at - 46 + 24);
      if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(100, at - 30 + 22);
    }
    const lying = new Uint8Array(bytes);
    expect(() => readXlsxFast(lying, 'bomb.xlsx')).toThrow(/ZIP炸弹/);
    expect(() => readXlsxFast(lying, 'bomb.xlsx', undefined, nodeInflate)).toThrow(/ZIP炸弹/);
  });
});
