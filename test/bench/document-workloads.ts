/**
 * Plan documents as offices receive them (issue 19): the same 60-task plan read from a .docx with Word's automatic
 * numbering and from a text PDF, against the text parser given the plan's text — the cost of the reader itself.
 * In process (the parser process adds the same start-up to every format; the integration test times that path).
 */
import { readPlanFile } from '../../src/core/document/plan-reading';
import { parsePlan } from '../../src/core/plan/parse-plan';
import { launchBrowser } from '../../src/headless/app-in-chromium';
import { PDF_FOOTER, planAsHtml, planAsNumberedDocx } from '../fixtures/plan-documents';
import { sixtyTaskPlan } from '../fixtures/plan-family';
import { type BenchRow, measure } from './measure';

async function printedPdf(html: string): Promise<Uint8Array> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    const pdf = await page.pdf({
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: PDF_FOOTER,
      margin: { top: '25mm', bottom: '25mm', left: '28mm', right: '26mm' },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

export async function documentWorkloads(env: { runs: number }): Promise<BenchRow[]> {
  const text = sixtyTaskPlan();
  const docx = planAsNumberedDocx(text);
  const pdf = await printedPdf(planAsHtml(text));
  const tasksOf = async (bytes: Uint8Array, name: string): Promise<void> => {
    const reading = await readPlanFile(bytes, name);
    if (reading.plan.tasks.length !== 60) throw new Error(`${name}: ${reading.plan.tasks.length} tasks, not 60`);
  };
  const runs = Math.max(5, env.runs);
  const textMs = await measure(() => parsePlan(text), { runs, warmupMs: 500 });
  const docxMs = await measure(() => tasksOf(docx, '60项.docx'), { runs, warmupMs: 500 });
  const pdfMs = await measure(() => tasksOf(pdf, '60项.pdf'), { runs, warmup: 2, warmupMs: 500 });
  return [
    {
      workload: '60项任务的计划：读取 .docx（Word自动编号）并识别',
      ours: docxMs,
      baseline: textMs,
      unit: 'ms',
      target: 5,
      note: '基线为同一计划的纯文本识别',
    },
    // a PDF is drawn text: its lines and tables are rebuilt from positions by pdf.js, some hundred times the cost of
    // reading text — so the promise is absolute: a 60-task plan's preview within a second
    {
      workload: '60项任务的计划：读取文字版 PDF 并识别',
      ours: pdfMs,
      baseline: textMs,
      unit: 'ms',
      target: null,
      limit: 1000,
      note: '基线为同一计划的纯文本识别；PDF 需按位置还原行与表格',
    },
  ];
}
