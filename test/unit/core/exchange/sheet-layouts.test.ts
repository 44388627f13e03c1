import { describe, expect, it } from 'vitest';
import {
  BUDGET_SHEET,
  MATRIX_TASK_COLUMNS,
  SCENARIO_SHEET,
  TARGET_SHEET,
  TASK_SHEET,
  ORG_SHEET,
} from '../../../../src/core/exchange/sheet-layouts';
import { headings, packetHeader, reportHeader } from '../../../../src/shared/fields/field-spec';
import { TARGET_FIELDS } from '../../../../src/shared/fields/target-fields';

/**
 * The headings of exported workbooks are a file format: users' files carry them and the round-trip import finds
 * columns by them. They come from the field catalogues now; this pins every one of them, word for word.
 */
describe('exported sheet headings (a file format)', () => {
  it('are the words exported files have always had', () => {
    expect(TASK_SHEET.headers).toEqual([
      '编号',
      '领域',
      '任务',
      '内容',
      '牵头单位',
      '配合单位',
      '指标数',
      '已达成',
      '状态',
      '完成情况',
      '备注',
    ]);
    expect(TARGET_SHEET.headers).toEqual([
      '指标ID',
      '任务编号',
      '领域',
      '指标',
      '比较',
      '目标值',
      '单位',
      '基期值',
      '实际值',
      '完成率',
      '进度状态',
      '截止日期',
      '责任单位',
      '备注',
      '原文',
    ]);
    expect(ORG_SHEET.headers).toEqual(['单位ID', '单位', '别名', '联系人', '电话', '牵头任务数', '配合任务数']);
    expect(BUDGET_SHEET.headers).toEqual([
      '行ID',
      '科目编码',
      '科目名称',
      '功能分类',
      '民生',
      '金额（万元）',
      '数量',
      '单价（元）',
      '数量取自指标',
      '关联任务',
      '备注',
    ]);
    expect(SCENARIO_SHEET.headers).toEqual([
      '行ID',
      '科目编码',
      '科目名称',
      '民生',
      '基线金额（万元）',
      '情景金额（万元）',
      '增减（万元）',
      '调整说明',
    ]);
    expect(MATRIX_TASK_COLUMNS.map((c) => c.header)).toEqual(['编号', '任务']);
  });

  it('format numbers by the field’s unit convention', () => {
    const formats = (columns: { format?: string }[]) => columns.map((c) => c.format);
    expect(formats(TARGET_SHEET.columns)).toEqual([
      'int',
      'int',
      'text',
      'text',
      'text',
      'count',
      'text',
      'count',
      'count',
      'percent',
      'text',
      'text',
      'text',
      'text',
      'text',
    ]);
    expect(formats(BUDGET_SHEET.columns)).toEqual(['int', 'text', 'text', 'text', 'text', 'wan', 'count', 'yuan', 'text', 'int', 'text']);
  });

  it('keep the packet’s and the printed report’s own words for a target’s fields', () => {
    const packet = headings(TARGET_FIELDS, packetHeader);
    expect([packet.id, packet.label, packet.actual, packet.note]).toEqual(['指标ID', '指标', '实际值', '进展说明']);
    const report = headings(TARGET_FIELDS, reportHeader);
    expect([report.progress, report.value, report.actual, report.leadOrgs]).toEqual(['状态', '目标', '实际', '牵头单位']);
  });
});
