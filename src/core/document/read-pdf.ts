import { type DocumentBlock, DocumentRefused, type PlanDocument } from './blocks';
import { groupLines, layOut, type PageLayout, type Rule, type TextRun } from './pdf-layout';

/**
 * PDF → blocks through pdf.js (the legacy build, which runs in Node without a browser). Text runs and the
 * rules drawn on each page go to pdf-layout.ts, which rebuilds lines, paragraphs and table rows. A PDF with
 * pages but no text is a scan: refused with a message, never read as an empty plan.
 */

export interface PdfOptions {
  maxPages: number;
  /** where pdf.js finds its CMaps and standard fonts (folders in the pdfjs-dist package), for CJK PDFs without embedded fonts */
  cMapUrl?: string;
  standardFontDataUrl?: string;
}

export const PDF_LIMITS: PdfOptions = { maxPages: 600 };

/**
 * PDF fonts often map ideographs to their look-alike radicals (U+2F63 "⽣" for 生, from the Kangxi radicals
 * block) or compatibility ideographs: folded back to the unified ideographs a reader types.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺠': '民',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻉': '贝',
  '⻋': '车',
  '⻓': '长',
  '⻔': '门',
  '⻘': '青',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻢': '马',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻩': '黄',
  '⻪': '黾',
  '⻬': '齐',
  '⻮': '齿',
  '⻰': '龙',
  '⻳': '龟',
  '⺟': '母',
  '⻣': '骨',
  // one glyph for both forms in CJK fonts; a simplified-Chinese plan means the simplified one
  戶: '户',
};

export function unifyIdeographs(text: string): string {
  return text.replace(/[\u2e80-\u2fdf\uf900-\ufaff戶]/g, (ch) => {
    const unified = RADICAL_SUPPLEMENT[ch] ?? ch.normalize('NFKC');
    return RADICAL_SUPPLEMENT[unified] ?? unified;
  });
}

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

function boxThrough(m: Matrix, box: number[]): [number, number, number, number] {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = box;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ] as const) {
    xs.push(m[0] * x + m[2] * y + m[4]);
    ys.push(m[1] * x + m[3] * y + m[5]);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** Rules (thin filled or stroked boxes) from a page's drawing operations, in page space. */
function rulesOf(pdfjs: PdfModule, fnArray: number[], argsArray: unknown[]): { horizontal: Rule[]; vertical: Rule[] } {
  const { OPS } = pdfjs;
  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const minMax = args[2] as number[] | null | undefined;
      if (!minMax || paint === OPS.endPath) continue;
      const [x0, y0, x1, y1] = boxThrough(ctm, Array.from(minMax));
      const width = x1 - x0;
      const height = y1 - y0;
      if (height <= 3 && width >= 8) horizontal.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
      else if (width <= 3 && height >= 6) vertical.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
      else if ((paint === OPS.stroke || paint === OPS.closeStroke) && width > 8 && height > 6) {
        // a stroked rectangle: a cell's four borders
        horizontal.push({ at: y0, from: x0, to: x1 }, { at: y1, from: x0, to: x1 });
        vertical.push({ at: x0, from: y0, to: y1 }, { at: x1, from: y0, to: y1 });
      }
    }
  }
  return { horizontal, vertical };
}

export async function readPdf(bytes: Uint8Array, name: string, options: PdfOptions = PDF_LIMITS): Promise<PlanDocument> {
  const pdfjs: PdfModule = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}),
    ...(options.standardFontDataUrl ? { standardFontDataUrl: options.standardFontDataUrl } : {}),
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    const kind = (error as { name?: string } | null)?.name;
    if (kind === 'PasswordException') throw new DocumentRefused('该PDF已加密（需要密码才能打开），请另存为不加密的PDF或 .docx 后再导入。');
    throw new DocumentRefused('无法读取该PDF，文件可能已损坏或不完整。');
  }
  try {
    if (document.numPages > options.maxPages) {
      throw new DocumentRefused(`该PDF有${document.numPages}页，超过上限${options.maxPages}页，不像是一份实施计划。`);
    }
    const pages: PageLayout[] = [];
    let characters = 0;
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a = 0, b = 0, , d = 0, e = 0, f = 0] = item.transform as number[];
        const size = Math.hypot(a, b) || Math.abs(d) || item.height || 10;
        runs.push({ text: unifyIdeographs(item.str), x: e, y: f, width: item.width, size });
        characters += item.str.trim().length;
      }
      let horizontal: Rule[] = [];
      let vertical: Rule[] = [];
      if (groupLines(runs).some((line) => line.segments.length >= 2)) {
        // rules only matter where runs stand side by side (a table); reading the drawing costs as much as the text
        const operators = await page.getOperatorList();
        ({ horizontal, vertical } = rulesOf(pdfjs, operators.fnArray, operators.argsArray));
      }
      pages.push({ width: viewport.width, height: viewport.height, runs, horizontal, vertical });
      page.cleanup();
    }
    if (characters === 0)
      throw new DocumentRefused('该PDF为扫描图像，无法识别文字。请使用带文字层的PDF（由Word/WPS导出），或导入原始的 .docx/.doc 文件。');
    const blocks: DocumentBlock[] = layOut(pages).map((item) =>
      item.kind === 'paragraph'
        ? { kind: 'paragraph', text: item.text, place: { page: item.page, line: item.line } }
        : {
            kind: 'row',
            cells: item.cells,
            place: { page: item.page, table: item.table, row: item.row },
            ...(item.spansWidth ? { spansWidth: true } : {}),
          },
    );
    return { name, format: 'pdf', blocks, notes: [] };
  } finally {
    await document.destroy();
  }
}
