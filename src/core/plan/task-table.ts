import { foldWidth } from '../text/fold';

/**
 * Task tables (任务分解表) in any format: the header row mapped to its roles by the usual headings, and each
 * row read into the parts of a task. The same reading serves a Word table, a PDF table rebuilt from its rules
 * and a spreadsheet.
 */

export type ColumnRole = 'number' | 'domain' | 'task' | 'content' | 'lead' | 'co' | 'owners' | 'deadline';

const HEADINGS: [ColumnRole, RegExp][] = [
  ['number', /^(序号|编号|任务编号|序|号)$/],
  ['domain', /^(领域|服务领域|类别|项目类别|分类|大类|所属领域|板块|工作领域)$/],
  ['lead', /(牵头单位|牵头部门|主办单位|主责单位|牵头责任单位|责任牵头单位|牵头领导单位)/],
  ['co', /(配合单位|协办单位|参与单位|配合部门|协助单位|协同单位)/],
  ['owners', /^(责任单位|责任部门|实施单位|承办单位|责任主体)/],
  ['deadline', /(完成时限|时间节点|完成时间|时限|进度安排|时间要求)/],
  ['task', /^(工作任务|重点任务|任务|任务名称|项目|项目名称|主要任务|工作事项|事项|重点工作|工作名称|民生实事|实事项目)$/],
  [
    'content',
    /(具体内容|工作内容|主要内容|任务内容|工作措施|具体措施|主要措施|目标任务|工作目标|年度目标|目标|任务要求|具体任务|实施内容|主要指标|指标|建设内容|工作要求|预期成效)/,
  ],
];

export type ColumnMap = Map<ColumnRole, number>;

const compact = (cell: string): string =>
  foldWidth(cell)
    .replace(/\s+/g, '')
    .replace(/[(（][^)）]*[)）]$/, '');

export function roleOfHeading(cell: string): ColumnRole | null {
  const text = compact(cell);
  if (text === '' || text.length > 12) return null;
  for (const [role, pattern] of HEADINGS) if (pattern.test(text)) return role;
  return null;
}

/** A header row: at least two known headings, one of them the task or its content, one a number or owners. */
export function headerColumns(cells: readonly string[]): ColumnMap | null {
  const columns: ColumnMap = new Map();
  cells.forEach((cell, index) => {
    const role = roleOfHeading(cell);
    if (role !== null && !columns.has(role)) columns.set(role, index);
  });
  const hasWork = columns.has('task') || columns.has('content');
  const hasFrame = columns.has('number') || columns.has('lead') || columns.has('owners') || columns.has('co') || columns.has('domain');
  return columns.size >= 2 && hasWork && hasFrame ? columns : null;
}

/** Every filled cell is a heading word: a header row (perhaps the second row of a two-row header). */
export function isHeadingRow(cells: readonly string[]): boolean {
  const filled = cells.filter((cell) => cell.trim() !== '');
  return filled.length > 0 && filled.every((cell) => roleOfHeading(cell) !== null);
}

export function sameHeader(cells: readonly string[], header: readonly string[]): boolean {
  const a = cells.map(compact).filter((c) => c !== '');
  const b = header.map(compact).filter((c) => c !== '');
  return a.length === b.length && a.every((cell, i) => cell === b[i]);
}

export interface RowParts {
  number: string;
  domain: string;
  task: string;
  content: string;
  lead: string;
  co: string;
  owners: string;
  deadline: string;
}

export function rowParts(cells: readonly string[], columns: ColumnMap): RowParts {
  const get = (role: ColumnRole, lineBreak: string): string => {
    const index = columns.get(role);
    return index === undefined ? '' : (cells[index] ?? '').trim().replace(/\s*\n\s*/g, lineBreak);
  };
  // a cell's lines are one text (wrapped), but separate orgs in an owners cell
  return {
    number: get('number', ''),
    domain: get('domain', ''),
    task: get('task', ''),
    content: get('content', ''),
    lead: get('lead', '、'),
    co: get('co', '、'),
    owners: get('owners', '、'),
    deadline: get('deadline', ' '),
  };
}
