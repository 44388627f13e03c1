import type { DocumentBlock } from '../document/blocks';
import type { Owner, ParsedDomain, ParsedPlan, ParsedSection, ParsedTarget, ParsedTask } from '../../shared/plan';
import { chineseOrdinal, foldWidth } from '../text/fold';
import { findConflicts } from './conflicts';
import {
  enumerationItems,
  isNumbered,
  keyWorkHoldsTasks,
  matchDomain,
  matchTask,
  matchTopSection,
  sectionKindOf,
  type TaskStyle,
} from './numbering';
import { OWNER_LINE, ownersFromCells, parseOwnerPhrase, takeOwnerGroups } from './owners';
import { linesOfBlocks, linesOfText, type PlanLine, type TableRow, type TextLine } from './plan-lines';
import { type ColumnMap, headerColumns, isHeadingRow, roleOfHeading, rowParts, sameHeader } from './task-table';
import { extractTargets } from './targets';
import { groupOrgs } from './orgs';

/**
 * Reads an implementation plan (基本公共服务均等化实施计划 and its family) from its lines and table rows.
 *
 * A line is one of: a top section ("一、", "第一部分"), a domain or a task ("(一)": a domain when numbered tasks
 * follow it, otherwise a task itself), a numbered task ("6." "６．" "⒍" "①" "(6)"), an owner line
 * ("(责任单位:…)", "牵头单位：…"), a date, a document number, a title, or body text continuing what came
 * before. A paragraph written "一是…；二是…" with no numbered tasks around it holds one task per item. A table
 * row is read by its header (序号 | 工作任务 | 具体内容 | 牵头单位 | 配合单位 …), so a task in a table and a task in
 * a paragraph meet the same grammar. No numbered line is dropped silently: it becomes a task, a domain, a
 * section or a safeguard, or a warning with its place. Web-page debris is ignored with a warning.
 */

const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}[〔[(]\d{4}[〕\])]\s*\d{1,4}\s*号/;
const DEBRIS =
  /(客户端|下载|扫一扫|分享到|打印本页|关闭窗口|浏览次数|责任编辑|来源[:：]|https?:|www\.|【字体|点击数|上一篇|下一篇|返回顶部)/;
const TITLE_WORDS = /(计划|方案|规划|意见|通知|办法|要点|任务分解表|任务分工表|分解表|分工表|清单|台账)$/;
const ISSUER_WORDS = /(人民政府|办公室|办公厅|委员会|局|委|厅|政府)$/;

interface TaskDraft {
  number: number;
  label: string;
  title: string;
  domain: number;
  parts: { text: string; offset: number }[];
  owners: Owner[];
  place: string;
}

interface DomainDraft {
  ordinal: number;
  name: string;
  place: string;
  owners: Owner[];
  tasks: TaskDraft[];
  /** owner lines seen in this domain, with the task they followed (-1: before any task) */
  ownerLines: { owners: Owner[]; phrase: string; afterTask: number; labelled: boolean }[];
}

/** A domain's owner lines become per-task owners, or the domain's owners when one line closes it. */
function settleOwners(domain: DomainDraft): void {
  const lines = domain.ownerLines;
  const lastTask = domain.tasks.length - 1;
  const closingLine = lines.length === 1 && lines[0] !== undefined && !lines[0].labelled && lines[0].afterTask === lastTask;
  if (closingLine || (lines.length === 1 && lines[0]?.afterTask === -1)) {
    domain.owners = lines[0]?.owners ?? [];
    for (const task of domain.tasks) if (task.owners.length === 0) task.owners = domain.owners;
    return;
  }
  for (const line of lines) {
    const task = domain.tasks[line.afterTask];
    if (task) task.owners = line.owners;
    else domain.owners = line.owners;
  }
  for (const task of domain.tasks) if (task.owners.length === 0) task.owners = domain.owners;
}

/** A task's short name: up to the first 。 or colon, or the first clause of a long first sentence. */
function titleOfTask(body: string): string {
  const folded = foldWidth(body);
  const stop = folded.search(/[。:]/);
  let title = stop === -1 ? body : body.slice(0, stop);
  if (title.length > 40) {
    const clause = foldWidth(title).search(/[,;]/);
    title = clause > 0 && clause <= 40 ? title.slice(0, clause) : title;
  }
  return title.replace(/[:：.。,，;；]$/, '').trim();
}

/** "（一）" "一、" "1." "一是" in front of a heading or a cell: the name without it. */
function stripNumbering(text: string): { name: string; ordinal: number | null } {
  const folded = foldWidth(text.trim());
  const top = matchTopSection(folded);
  if (top) return { name: text.trim().slice(top.rest).trim(), ordinal: top.ordinal };
  const domain = matchDomain(folded);
  if (domain) return { name: text.trim().slice(domain.rest).trim(), ordinal: domain.ordinal };
  const task = matchTask(folded, null);
  if (task) return { name: text.trim().slice(task.rest).trim(), ordinal: task.number };
  return { name: text.trim(), ordinal: null };
}

function numberOfCell(cell: string): number | null {
  const folded = foldWidth(cell)
    .trim()
    .replace(/[.、)）]$/, '')
    .replace(/^[(（]/, '');
  if (/^\d{1,4}$/.test(folded)) return Number(folded);
  return chineseOrdinal(folded);
}

/**
 * Which "(一)" lines are domains: in a section where any "(x)" has numbered tasks under it, every "(x)" is a
 * domain; in a section where none has, each "(x)" is a task (a plan numbered "(一)" with no domain level).
 */
function parenthesisedDomains(lines: readonly PlanLine[]): Set<number> {
  const domains = new Set<number>();
  let heads: number[] = [];
  let sectionHasDomains = false;
  let open = false;
  const closeSection = (): void => {
    if (sectionHasDomains) for (const head of heads) domains.add(head);
    heads = [];
    sectionHasDomains = false;
    open = false;
  };
  lines.forEach((line, index) => {
    if (line.kind !== 'line') return;
    if (matchTopSection(line.folded)) closeSection();
    else if (matchDomain(line.folded)) {
      heads.push(index);
      open = true;
    } else if (open && matchTask(line.folded, null)) sectionHasDomains = true;
  });
  closeSection();
  return domains;
}

export function parsePlan(document: string): ParsedPlan {
  return parseLines(linesOfText(document.replace(/^\uFEFF/, '')));
}

/** The plan in a document read into blocks (see src/core/document). */
export function parsePlanBlocks(blocks: readonly DocumentBlock[]): ParsedPlan {
  return parseLines(linesOfBlocks(blocks).lines);
}

function parseLines(lines: PlanLine[]): ParsedPlan {
  const warnings: string[] = [];
  const domainHeads = parenthesisedDomains(lines);

  let title = '';
  let issuer = '';
  let docNo = '';
  let date = '';
  let year: number | null = null;
  const preamble: string[] = [];
  const sections: ParsedSection[] = [];
  const domains: DomainDraft[] = [];
  const keyWorkParts: { text: string; offset: number }[] = [];
  const safeguards: { title: string; text: string; owners: Owner[] }[] = [];

  let section: ParsedSection | null = null;
  /** a 重点工作 section whose numbered items turned out to be tasks */
  let sectionHoldsTasks = false;
  let domain: DomainDraft | null = null;
  let task: TaskDraft | null = null;
  let taskStyle: TaskStyle | null = null;
  let afterOwnerLine = false;
  let lastNumber = 0;
  let table: { key: string; columns: ColumnMap; header: string[] } | null = null;

  const closeDomain = (): void => {
    const closing = domain as DomainDraft | null;
    if (closing) settleOwners(closing);
    if (closing && closing.tasks.length === 0 && closing.place !== '')
      warnings.push(`${closing.place}：领域“${closing.name}”下没有识别到编号任务`);
    domain = null;
    task = null;
  };

  const openDomain = (ordinal: number | null, name: string, place = ''): DomainDraft => {
    closeDomain();
    const draft: DomainDraft = { ordinal: ordinal ?? domains.length + 1, name, place, owners: [], tasks: [], ownerLines: [] };
    domains.push(draft);
    domain = draft;
    afterOwnerLine = false;
    return draft;
  };

  const ensureDomain = (): DomainDraft => {
    if (domain) return domain;
    return openDomain(domains.length + 1, section?.title ?? '主要任务');
  };

  const addTask = (fields: {
    number: number | null;
    label: string;
    body: string;
    offset: number;
    owners: Owner[];
    place: string;
    title?: string;
  }): TaskDraft => {
    const owningDomain = ensureDomain();
    const number = fields.number ?? lastNumber + 1;
    const draft: TaskDraft = {
      number,
      label: fields.label,
      title: fields.title ?? titleOfTask(fields.body),
      domain: owningDomain.ordinal,
      parts: [{ text: fields.body, offset: fields.offset }],
      owners: fields.owners,
      place: fields.place,
    };
    owningDomain.tasks.push(draft);
    task = draft;
    lastNumber = number;
    afterOwnerLine = false;
    return draft;
  };

  const appendToSection = (text: string): void => {
    if (section) section.text = section.text ? `${section.text}\n${text}` : text;
  };

  /** "一是…二是…" in a paragraph outside any numbered task: one task per item. */
  const enumeratedTasks = (line: TextLine): boolean => {
    // owners in brackets at the end of the paragraph are every item's; inside an item, that item's
    const whole = takeOwnerGroups(line.text);
    const atEnd =
      whole.phrases.length > 0 &&
      whole.text.length + whole.phrases.join('').length >= line.text.trimEnd().length - 1 &&
      line.text.trimEnd().endsWith(whole.phrases.at(-1)?.trimEnd() ?? '\u0000');
    const paragraph = atEnd ? whole.text : line.text;
    const shared = atEnd ? parseOwnerPhrase(whole.phrases.join('；')) : [];
    const items = enumerationItems(paragraph);
    if (items.length === 0) return false;
    for (const item of items) {
      const body = paragraph
        .slice(item.start + item.label.length, item.end)
        .replace(/^[，,：:\s]+/, '')
        .replace(/[；;，,。\s]+$/, '');
      const { text, phrases } = takeOwnerGroups(body);
      const owners = phrases.length > 0 ? parseOwnerPhrase(phrases.join('；')) : shared;
      const clause = foldWidth(text).search(/[,;。:]/);
      const title = (clause > 0 ? text.slice(0, clause) : titleOfTask(text)).trim();
      addTask({
        number: null,
        label: item.label,
        body: text,
        offset: line.offset + item.start + item.label.length,
        owners,
        place: line.place,
        title,
      });
    }
    return true;
  };

  const handleOwnerLine = (line: TextLine, current: ParsedSection): void => {
    const labelled = /(牵头|主办|配合|协办)/.test(line.folded);
    if (current.kind === 'safeguards') {
      const last = safeguards.at(-1);
      if (last) last.owners = parseOwnerPhrase(line.text);
    } else if (domain) {
      const open: DomainDraft = domain;
      const afterTask = open.tasks.length - 1;
      const previous = open.ownerLines.at(-1);
      // "牵头单位：X" then "责任单位：Y、Z" on the next line: one statement of the same task's owners
      if (afterOwnerLine && previous && previous.afterTask === afterTask) {
        previous.phrase = `${previous.phrase}；${line.text}`;
        previous.owners = parseOwnerPhrase(previous.phrase);
        previous.labelled = previous.labelled || labelled;
      } else open.ownerLines.push({ owners: parseOwnerPhrase(line.text), phrase: line.text, afterTask, labelled });
    } else if (task === null && (current.kind !== 'key_work' || sectionHoldsTasks)) {
      ensureDomain().ownerLines.push({ owners: parseOwnerPhrase(line.text), phrase: line.text, afterTask: -1, labelled });
    }
    afterOwnerLine = true;
    appendToSection(line.text);
  };

  const handleRow = (row: TableRow): void => {
    // a header carries on over the pages of one table (a PDF's tables are per page), not to another sheet
    if (table !== null && (table as { key: string }).key.split('|')[0] !== row.table.split('|')[0]) table = null;
    const columns = headerColumns(row.cells);
    if (columns && (table === null || !sameHeader(row.cells, table.header))) {
      table = { key: row.table, columns, header: row.cells };
      return;
    }
    if (table && sameHeader(row.cells, table.header)) return; // the header repeated on each page
    if (table && isHeadingRow(row.cells)) {
      // a second header row ("责任单位" over "牵头单位 | 配合单位"): its headings refine the columns
      const refined: ColumnMap = new Map((table as { columns: ColumnMap }).columns);
      row.cells.forEach((cell, index) => {
        const role = roleOfHeading(cell);
        if (role !== null) refined.set(role, index);
      });
      if (refined.has('lead') && refined.get('owners') === refined.get('lead')) refined.delete('owners');
      table = { key: row.table, columns: refined, header: row.cells };
      return;
    }
    if (table === null) {
      // a table that is not a task table (a layout table, a title box): its text is read as lines
      const text = row.cells.filter((cell) => cell !== '').join(' ');
      if (text) handleLine({ kind: 'line', text, folded: foldWidth(text), offset: row.offset, place: row.place });
      return;
    }
    const parts = rowParts(row.cells, table.columns);
    const filled = row.cells.filter((cell) => cell.trim() !== '');
    const firstText = filled[0] ?? '';
    const onlyWorkCells = parts.number === '' && parts.task === '' && parts.domain === '';
    // a full-width row, or a lone cell where the number or the task would be: a domain heading
    if (row.spansWidth || (filled.length === 1 && !onlyWorkCells && parts.content !== firstText)) {
      const { name, ordinal } = stripNumbering(firstText);
      if (matchTopSection(foldWidth(firstText)) && sectionKindOf(name) !== 'other') {
        handleLine({ kind: 'line', text: firstText, folded: foldWidth(firstText), offset: row.offset, place: row.place });
        return;
      }
      openDomain(ordinal, titleOfTask(name), row.place);
      return;
    }
    if (parts.domain !== '') {
      const { name, ordinal } = stripNumbering(parts.domain);
      if (!domain || (domain as DomainDraft).name !== titleOfTask(name)) openDomain(ordinal, titleOfTask(name), row.place);
    }
    const owners = ownersFromCells(parts.lead, parts.co, parts.owners);
    const open = task as TaskDraft | null;
    if (onlyWorkCells && open) {
      // a row that goes on from the one above (a task split across pages, or a merged first column)
      if (parts.content) open.parts.push({ text: parts.content, offset: row.offset });
      if (owners.length > 0 && open.owners.length === 0) open.owners = owners;
      return;
    }
    let title = parts.task;
    let number = numberOfCell(parts.number);
    let label = parts.number;
    if (title !== '') {
      const numbered = matchTask(foldWidth(title), null) ?? null;
      if (numbered) {
        number ??= numbered.number;
        label ||= title.slice(0, numbered.rest).trim();
        title = title.slice(numbered.rest).trim();
      }
    }
    const cleanTitle = title === '' ? '' : titleOfTask(title);
    const body =
      title === ''
        ? parts.content
        : parts.content === '' || parts.content.startsWith(cleanTitle)
          ? parts.content || title
          : `${cleanTitle}。${parts.content}`;
    const cellText = row.cells.join('\t');
    const contentAt = parts.content ? cellText.indexOf(parts.content) : cellText.indexOf(title);
    const bodyOffset = row.offset + Math.max(0, contentAt) - (body.length - (parts.content || title).length);
    addTask({
      number,
      label: label || String(number ?? ''),
      body,
      offset: bodyOffset,
      owners,
      place: row.place,
      ...(cleanTitle ? { title: cleanTitle } : {}),
    });
    if (number === null) warnings.push(`${row.place}：任务“${(task as TaskDraft | null)?.title ?? ''}”没有序号，已按顺序编为${lastNumber}`);
  };

  const handleLine = (line: TextLine): void => {
    const { folded } = line;
    const index = lineIndex;
    const isFirst = index === 0 || (title === '' && sections.length === 0 && preamble.length === 0 && index < 3);

    if (DEBRIS.test(folded) || (/[A-Za-z]{2,}/.test(folded) && /\d/.test(folded) && folded.length < 30 && !/[。,;，；]/.test(folded))) {
      warnings.push(`${line.place}：已忽略与计划无关的内容“${line.text}”`);
      return;
    }

    const dateMatch = DATE_LINE.exec(folded);
    if (dateMatch) {
      const [, y, m, d] = dateMatch;
      date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      year = Number(y);
      return;
    }
    // the signature: a short issuer line right above the closing date
    const next = lines[index + 1];
    if (
      next?.kind === 'line' &&
      DATE_LINE.test(next.folded) &&
      folded.length <= 30 &&
      ISSUER_WORDS.test(folded) &&
      !/[。,;，；]/.test(folded)
    ) {
      issuer = line.text;
      return;
    }
    if (isFirst && title === '' && !matchTopSection(folded) && TITLE_WORDS.test(folded) && folded.length <= 60 && !/[。]/.test(folded)) {
      title = line.text;
      return;
    }
    const docNoMatch = DOC_NUMBER.exec(folded);
    if (docNoMatch && folded.length <= docNoMatch[0].length + 4 && !section) {
      docNo = line.text.slice(docNoMatch.index, docNoMatch.index + docNoMatch[0].length);
      return;
    }

    const top = matchTopSection(folded);
    if (top) {
      const { text: topText, phrases: topOwners } = takeOwnerGroups(line.text.slice(top.rest));
      const topTitle = titleOfTask(topText);
      const bodyAfterTitle = topText.slice(topTitle.length).replace(/^[。:：\s]+/, '');
      // "一、城乡居民养老保险提标。将基础养老金提高到每人每月150元。（牵头单位：…）": a list of tasks numbered at the
      // top level (民生实事), not a section heading
      if (sectionKindOf(topTitle) === 'other' && (topOwners.length > 0 || bodyAfterTitle.length >= 6)) {
        if (!section || section.title !== '主要任务' || section.kind !== 'tasks') {
          closeDomain();
          section = { ordinal: sections.length + 1, title: '主要任务', kind: 'tasks', text: '' };
          sections.push(section);
        }
        taskStyle = null;
        addTask({
          number: top.ordinal,
          label: line.text.slice(0, top.rest).trim(),
          body: topText,
          offset: line.offset + top.rest,
          owners: parseOwnerPhrase(topOwners.join('；')),
          place: line.place,
        });
        appendToSection(line.text);
        return;
      }
      closeDomain();
      const sectionTitle = line.text
        .slice(top.rest)
        .replace(/[。:：]$/, '')
        .trim();
      section = { ordinal: top.ordinal, title: titleOfTask(sectionTitle) || sectionTitle, kind: sectionKindOf(sectionTitle), text: '' };
      sections.push(section);
      sectionHoldsTasks = false;
      afterOwnerLine = false;
      taskStyle = null;
      return;
    }

    if (!section) {
      if (isNumbered(folded) && matchTask(folded, lastNumber + 1)) {
        // numbered tasks with no section above them (a list of tasks on its own)
        section = { ordinal: 1, title: '主要任务', kind: 'tasks', text: '' };
        sections.push(section);
      } else {
        preamble.push(line.text);
        return;
      }
    }
    const current: ParsedSection = section;

    if (OWNER_LINE.test(folded)) {
      handleOwnerLine(line, current);
      return;
    }

    if (current.kind === 'safeguards') {
      const item = matchDomain(folded) ?? matchTask(folded, null);
      const enumeration = item ? [] : enumerationItems(line.text);
      if (item) {
        const { text, phrases } = takeOwnerGroups(line.text.slice(item.rest));
        const end = foldWidth(text).search(/[。]/);
        safeguards.push({
          title: (end === -1 ? text : text.slice(0, end)).trim(),
          text: end === -1 ? '' : text.slice(end + 1).trim(),
          owners: parseOwnerPhrase(phrases.join('；')),
        });
      } else if (enumeration.length > 0) {
        for (const entry of enumeration) {
          const body = line.text.slice(entry.start + entry.label.length, entry.end).replace(/[；;，,\s]+$/, '');
          safeguards.push({ title: titleOfTask(body), text: body, owners: [] });
        }
      } else {
        const last = safeguards.at(-1);
        if (last) last.text = last.text ? `${last.text}\n${line.text}` : line.text;
      }
      appendToSection(line.text);
      return;
    }

    if (
      current.kind === 'key_work' &&
      !sectionHoldsTasks &&
      keyWorkHoldsTasks(current.title) &&
      (matchTask(folded, 1) || matchDomain(folded))
    ) {
      sectionHoldsTasks = true;
    }
    if ((current.kind === 'key_work' && !sectionHoldsTasks) || current.kind === 'approach') {
      if (current.kind === 'key_work') keyWorkParts.push({ text: line.text, offset: line.offset });
      else if (isNumbered(folded))
        warnings.push(`${line.place}：编号条目“${line.text.slice(0, 20)}”属于“${current.title}”部分，作为说明保留，未作为任务`);
      appendToSection(line.text);
      return;
    }

    // tasks and unrecognised sections: domains and numbered tasks
    const domainMatch = matchDomain(folded);
    if (domainMatch) {
      const { text, phrases } = takeOwnerGroups(line.text.slice(domainMatch.rest));
      if (domainHeads.has(index)) {
        const draft = openDomain(domainMatch.ordinal, titleOfTask(text), line.place);
        if (phrases.length > 0)
          draft.ownerLines.push({
            owners: parseOwnerPhrase(phrases.join('；')),
            phrase: phrases.join('；'),
            afterTask: -1,
            labelled: true,
          });
        appendToSection(line.text);
        return;
      }
      // "(一)" with no numbered tasks under it: a task of its own
      addTask({
        number: null,
        label: line.text.slice(0, domainMatch.rest).trim(),
        body: text,
        offset: line.offset + domainMatch.rest,
        owners: parseOwnerPhrase(phrases.join('；')),
        place: line.place,
      });
      appendToSection(line.text);
      return;
    }

    const taskMatch = matchTask(folded, lastNumber + 1);
    const open = task as TaskDraft | null;
    if (taskMatch && (taskStyle === null || taskStyle === taskMatch.style || open === null)) {
      taskStyle = taskMatch.style;
      const { text, phrases } = takeOwnerGroups(line.text.slice(taskMatch.rest));
      addTask({
        number: taskMatch.number,
        label: line.text.slice(0, taskMatch.rest).trim(),
        body: text,
        offset: line.offset + taskMatch.rest,
        owners: parseOwnerPhrase(phrases.join('；')),
        place: line.place,
      });
      appendToSection(line.text);
      return;
    }
    if (taskMatch && open) {
      // "(1)" under "1.": a sub-item, kept in its task
      open.parts.push({ text: line.text, offset: line.offset });
      warnings.push(`${line.place}：编号条目“${line.text.slice(0, 20)}”编号方式与任务不同，作为任务${open.number}的子项并入其内容`);
      appendToSection(line.text);
      return;
    }

    const lastOwners = domain ? (domain as DomainDraft).ownerLines.at(-1) : undefined;
    const ownersOfOpenTask =
      lastOwners !== undefined &&
      lastOwners.labelled &&
      open !== null &&
      lastOwners.afterTask === (domain as DomainDraft).tasks.indexOf(open);
    if (afterOwnerLine && !ownersOfOpenTask) {
      if (enumeratedTasks(line)) return;
      // Text after a closing owner line and before the next heading belongs to nothing.
      warnings.push(`${line.place}：已忽略无法归入任何任务的内容“${line.text.slice(0, 40)}”`);
      return;
    }
    if (open) {
      open.parts.push({ text: line.text, offset: line.offset });
      appendToSection(line.text);
      return;
    }
    if ((current.kind === 'tasks' || current.kind === 'other' || sectionHoldsTasks) && enumeratedTasks(line)) {
      appendToSection(line.text);
      return;
    }
    appendToSection(line.text);
  };

  let lineIndex = 0;
  for (; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] as PlanLine;
    if (line.kind === 'row') handleRow(line);
    else {
      if (table !== null && line.kind === 'line') table = null;
      handleLine(line);
    }
  }
  closeDomain();

  // --- assemble ---
  const drafts = domains.flatMap((d) => d.tasks);
  const numbers = drafts.map((d) => d.number);
  if (new Set(numbers).size !== numbers.length) {
    drafts.forEach((draft, i) => (draft.number = i + 1));
    warnings.push(`任务编号在各部分中重新开始或重复出现，已按出现顺序编为1—${drafts.length}（原编号见各任务）`);
  }
  const ordinals = domains.map((d) => d.ordinal);
  if (new Set(ordinals).size !== ordinals.length) {
    domains.forEach((d, i) => {
      d.ordinal = i + 1;
      for (const t of d.tasks) t.domain = i + 1;
    });
  }

  const tasks: ParsedTask[] = [];
  const targetPlaces: { place: string; targets: ParsedTarget[] }[] = [];
  for (const draft of drafts) {
    const targets = draft.parts.flatMap((part) => extractTargets(part.text, part.offset));
    tasks.push({
      number: draft.number,
      label: draft.label,
      title: draft.title,
      domain: draft.domain,
      text: draft.parts.map((part) => part.text).join('\n'),
      owners: draft.owners,
      targets,
      place: draft.place,
    });
    targetPlaces.push({ place: `任务${draft.number}“${draft.title}”`, targets });
  }
  tasks.forEach((current, index) => {
    const previous = tasks[index - 1];
    if (previous && current.number !== previous.number + 1) {
      warnings.push(`${current.place}：任务编号不连续：${previous.number} 之后是 ${current.number}`);
    }
  });
  if (tasks.length === 0) warnings.push('没有识别到编号任务（如“1.”“１．”“⒈”“(1)”“（一）”或任务表）');
  for (const t of tasks)
    if (t.owners.length === 0) warnings.push(`${t.place}：任务${t.number}“${t.title}”没有识别到责任单位，请在预览中补上`);

  const keyWorkTargets = keyWorkParts.flatMap((part) => extractTargets(part.text, part.offset));
  const keyWorkSection = sections.find((s) => s.kind === 'key_work');
  targetPlaces.unshift({ place: keyWorkSection ? `${keyWorkSection.title}` : '重点工作', targets: keyWorkTargets });

  // owners → canonical orgs
  const spellings = [
    ...domains.flatMap((d) => [...d.owners, ...d.tasks.flatMap((t) => t.owners)]),
    ...safeguards.flatMap((s) => s.owners),
  ].map((owner) => owner.org);
  const { orgs, resolve } = groupOrgs(spellings);
  const canonicalOwners = (owners: Owner[]): Owner[] => {
    const seen = new Set<string>();
    return owners
      .map((owner) => ({ org: resolve(owner.org), role: owner.role }))
      .filter((owner) => (seen.has(owner.org) ? false : (seen.add(owner.org), true)));
  };

  if (year === null) {
    const yearMatch = /(20\d{2})年/.exec(title) ?? /(20\d{2})年/.exec(keyWorkParts.map((p) => p.text).join(''));
    if (yearMatch?.[1]) year = Number(yearMatch[1]);
  }
  const preambleText = preamble.join('\n');
  if (!docNo) {
    const referenced = DOC_NUMBER.exec(foldWidth(preambleText));
    if (referenced) docNo = preambleText.slice(referenced.index, referenced.index + referenced[0].length);
  }
  if (!title) {
    const basis = /关于印发(.+?)的通知/.exec(preambleText)?.[1];
    title = basis ? `${basis}${year ? `${year}年` : ''}实施计划` : '未命名实施计划';
    warnings.push('文中没有标题行，已根据正文推断标题，请核对');
  }

  const parsedDomains: ParsedDomain[] = domains.map((d) => ({ ordinal: d.ordinal, name: d.name, owners: canonicalOwners(d.owners) }));
  return {
    title,
    issuer,
    docNo,
    date,
    year,
    preamble: preambleText,
    sections,
    domains: parsedDomains,
    tasks: tasks.map((t) => ({ ...t, owners: canonicalOwners(t.owners) })),
    keyWork: { text: keyWorkParts.map((part) => part.text).join('\n'), targets: keyWorkTargets },
    safeguards: safeguards.map((s) => ({ ...s, owners: canonicalOwners(s.owners) })),
    orgs,
    conflicts: findConflicts(targetPlaces),
    warnings,
  };
}
