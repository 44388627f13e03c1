import { safeFileName, withExtension } from '../../core/files/safe-file-name';
import { buildReport, REPORT_TITLES } from '../../core/report/report-model';
import { executionReport } from '../../core/report/execution-report';
import { executionView } from '../execution/execution-model';
import { WorkbenchError } from '../../shared/result';
import { readSnapshot } from '../exchange/read-snapshot';
import { writeExportFile } from '../exchange/write-file';
import { lineRows, scenarioModel } from '../store/budget-repository';
import type { Handler } from './context';

/** The printed reports: their content, and a PDF of the preview the page is showing. */

export const reportData: Handler<'report-data'> = ({ kind, scenarioIds, budgetId, year, month }, { workbook }) => {
  if (kind === 'execution') {
    const view = executionView(workbook.db, {
      ...(budgetId === undefined ? {} : { budgetId }),
      ...(year === undefined ? {} : { year }),
      ...(month === undefined ? {} : { month }),
    });
    if (!view.report) throw new WorkbenchError('not_found', '还没有预算执行数据，无法生成该报告。请先导入或录入执行表。');
    return executionReport(view);
  }
  const snapshot = readSnapshot(workbook.db);
  const scenarios = (scenarioIds ?? []).map((id) => {
    const model = scenarioModel(workbook.db, id);
    return { id, name: model.scenario.name, isExample: model.scenario.isExample, lines: lineRows(model), metrics: model.metrics };
  });
  if ((kind === 'compliance' || kind === 'compare') && !snapshot.baseline)
    throw new WorkbenchError('not_found', '工作簿中还没有预算，无法生成该报告。');
  return buildReport(kind, snapshot, scenarios);
};

export const reportPdf: Handler<'report-pdf'> = async ({ kind }, { printer, dialogs, session }) => {
  const chosen = await dialogs.pickSavePath(safeFileName(REPORT_TITLES[kind], 'pdf'), 'pdf');
  if (chosen === null) return null;
  const path = withExtension(chosen, 'pdf');
  const bytes = await printer.toPdf();
  await writeExportFile(path, bytes, session.path);
  return { path, bytes: bytes.length };
};
