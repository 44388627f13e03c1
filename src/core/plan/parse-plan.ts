import type { Owner, ParsedDomain, ParsedPlan, ParsedSection, ParsedTarget, ParsedTask } from '../../shared/plan';
import { chineseOrdinal, foldWidth } from '../text/fold';
import { OWNER_LINE, TRAILING_OWNER_GROUP, parseOwnerPhrase } from './owners';
import { extractTargets } from './targets';
import { groupUnits } from './units';
import { findConflicts } from './conflicts';

/**
 * Reads an implementation plan (基本公共服务均等化实施计划 and its family) from plain text.
 *
 * The document is read line by line. A line is one of: a top section ("一、"), a domain ("(一)"), a numbered
 * task ("6." "６．" "⒍" "(6)"), an owner line ("(责任单位:…)"), a date, a document number, a title, or body
 * text that continues whatever came before it. Lines that fit nowhere (web-page debris) are ignored and
 * listed as warnings, never silently folded into a task.
 */

type SectionKind = ParsedSection['kind'];

const TOP_SECTION = /^([一二三四五六七八九十]+)[、.]\s*(.*)$/;
const DOMAIN = /^\(([一二三四五六七八九十]+)\)\s*(.*)$/;
const TASK_DOT = /^(\d{1,3})\s*[.、](?!\d)\s*(.+)$/;
const TASK_PAREN = /^\((\d{1,3})\)\s*(.+)$/;
const TASK_ENCLOSED = /^([\u2488-\u249b])\s*(.+)$/; // ⒈ … ⒛
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}[〔[(]\d{4}[〕\])]\s*\d{1,4}\s*号/;
const DEBRIS = /(客户端|下载|扫一扫|分享到|打印本页|关闭窗口|浏览次数|责任编辑|来源[:：]|https?:|www\.|【字体|点击数|上一篇|下一篇|返回顶部)/;
const TITLE_WORDS = /(计划|方案|规划|意见|通知|办法|要点)$/;
const ISSUER_WORDS = /(人民政府|办公室|办公厅|委员会|局|委|厅|政府)$/;

/** "1." and "⒈" are one numbering family (plans mix them); "(1)" is another, used for sub-items when both occur. */
type TaskStyle = 'numeric' | 'paren';

function sectionKindOf(title: string): SectionKind {
  if (/(思路|指导思想|总体要求|基本原则)/.test(title)) return 'approach';
  if (/(重点工作|工作重点|主要目标|总体目标|工作目标|年度目标)/.test(title)) return 'key_work';
  if (/(主要任务|重点任务|具体任务|任务分工|工作任务|主要内容|主要措施)/.test(title)) return 'tasks';
  if (/(保障|工作要求|组织实施|组织领导)/.test(title)) return 'safeguards';
  return 'other';
}

function matchTask(folded: string): { number: number; rest: number; style: TaskStyle } | null {
  const dot = TASK_DOT.exec(folded);
  if (dot?.[1] && dot[2]) return { number: Number(dot[1]), rest: folded.length - dot[2].length, style: 'numeric' };
  const paren = TASK_PAREN.exec(folded);
  if (paren?.[1] && paren[2]) return { number: Number(paren[1]), rest: folded.length - paren[2].length, style: 'paren' };
  const enclosed = TASK_ENCLOSED.exec(folded);
  if (enclosed?.[1] && enclosed[2]) {
    return { number: (enclosed[1].codePointAt(0) ?? 0) - 0x2487, rest: folded.length - enclosed[2].length, style: 'numeric' };
  }
  return null;
}

interface Line {
  text: string; // original, trimmed
  folded: string; // same length as text
  offset: number; // of `text` in the document
  number: number; // 1-based line number
}

function splitLines(document: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  document.split('\n').forEach((raw, index) => {
    const withoutCr = raw.replace(/\r$/, '');
    const leading = withoutCr.length - withoutCr.trimStart().length;
    const text = withoutCr.trim();
    if (text.length > 0) lines.push({ text, folded: foldWidth(text), offset: offset + leading, number: index + 1 });
    offset += raw.length + 1;
  });
  return lines;
}

interface TaskDraft {
  number: number;
  title: string;
  domain: number;
  parts: { text: string; offset: number }[];
  owners: Owner[];
  ownersFromLine: boolean;
}

interface DomainDraft {
  ordinal: number;
  name: string;
  owners: Owner[];
  tasks: TaskDraft[];
  /** owner lines seen in this domain, with the task they followed (-1: before any task) */
  ownerLines: { owners: Owner[]; afterTask: number; labelled: boolean }[];
}

/** A domain's owner lines become per-task owners, or the domain's owners when one line closes it. */
function settleOwners(domain: DomainDraft): void {
  const lines = domain.ownerLines;
  const lastTask = domain.tasks.length - 1;
  const closingLine =
    lines.length === 1 && lines[0] !== undefined && !lines[0].labelled && lines[0].afterTask === lastTask;
  if (closingLine || (lines.length === 1 && lines[0]?.afterTask === -1)) {
    domain.owners = lines[0]?.owners ?? [];
    for (const task of domain.tasks) if (task.owners.length === 0) task.owners = domain.owners;
    return;
  }
  for (const line of lines) {
    const task = domain.tasks[line.afterTask];
    if (task) {
      task.owners = line.owners;
      task.ownersFromLine = true;
    } else domain.owners = line.owners;
  }
  for (const task of domain.tasks) if (task.owners.length === 0) task.owners = domain.owners;
}

function titleOfTask(body: string): string {
  const end = body.search(/[。]/);
  const title = end === -1 ? body : body.slice(0, end);
  return title.replace(/[:：.]$/, '').trim();
}

export function parsePlan(document: string): ParsedPlan {
  const text = document.replace(/^\uFEFF/, '');
  const lines = splitLines(text);
  const warnings: string[] = [];

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
  let domain: DomainDraft | null = null;
  let task: TaskDraft | null = null;
  let taskStyle: TaskStyle | null = null;
  let afterOwnerLine = false;

  const closeDomain = (): void => {
    if (domain) settleOwners(domain);
    domain = null;
    task = null;
  };

  const ensureDomain = (): DomainDraft => {
    if (domain) return domain;
    const implicit: DomainDraft = {
      ordinal: domains.length + 1,
      name: section?.title ?? '主要任务',
      owners: [],
      tasks: [],
      ownerLines: [],
    };
    domains.push(implicit);
    domain = implicit;
    return implicit;
  };

  lines.forEach((line, index) => {
    const { folded } = line;
    const isFirst = index === 0;

    if (DEBRIS.test(folded) || (/[A-Za-z]{2,}/.test(folded) && /\d/.test(folded) && folded.length < 30 && !/[。,;，；]/.test(folded))) {
      warnings.push(`第${line.number}行：已忽略与计划无关的内容“${line.text}”`);
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
    if (next && DATE_LINE.test(next.folded) && folded.length <= 30 && ISSUER_WORDS.test(folded) && !/[。,;，；]/.test(folded)) {
      issuer = line.text;
      return;
    }

    if (isFirst && !TOP_SECTION.test(folded) && TITLE_WORDS.test(folded) && folded.length <= 60 && !/[。]/.test(folded)) {
      title = line.text;
      return;
    }
    const docNoMatch = DOC_NUMBER.exec(folded);
    if (docNoMatch && folded.length <= docNoMatch[0].length + 4 && !section) {
      docNo = line.text.slice(docNoMatch.index, docNoMatch.index + docNoMatch[0].length);
      return;
    }

    const top = TOP_SECTION.exec(folded);
    if (top?.[1] && top[2] !== undefined && chineseOrdinal(top[1]) !== null) {
      closeDomain();
      const sectionTitle = line.text.slice(line.text.length - top[2].length).replace(/[。:：]$/, '');
      section = { ordinal: chineseOrdinal(top[1]) ?? sections.length + 1, title: sectionTitle, kind: sectionKindOf(sectionTitle), text: '' };
      sections.push(section);
      afterOwnerLine = false;
      return;
    }

    if (!section) {
      preamble.push(line.text);
      return;
    }
    const current: ParsedSection = section;
    const appendToSection = (): void => {
      current.text = current.text ? `${current.text}\n${line.text}` : line.text;
    };

    if (OWNER_LINE.test(folded)) {
      const owners = parseOwnerPhrase(line.text);
      const labelled = /(牵头|主办|配合|协办)/.test(folded);
      if (current.kind === 'safeguards') {
        const last = safeguards.at(-1);
        if (last) last.owners = owners;
      } else if (domain) {
        const open: DomainDraft = domain;
        open.ownerLines.push({ owners, afterTask: open.tasks.length - 1, labelled });
      } else if (task === null && current.kind !== 'key_work') {
        ensureDomain().ownerLines.push({ owners, afterTask: -1, labelled });
      }
      afterOwnerLine = true;
      appendToSection();
      return;
    }

    if (current.kind === 'safeguards') {
      const item = DOMAIN.exec(folded);
      if (item?.[2] !== undefined) {
        const body = line.text.slice(line.text.length - item[2].length);
        const end = body.search(/[。]/);
        safeguards.push({
          title: (end === -1 ? body : body.slice(0, end)).trim(),
          text: end === -1 ? '' : body.slice(end + 1).trim(),
          owners: [],
        });
      } else {
        const last = safeguards.at(-1);
        if (last) last.text = last.text ? `${last.text}\n${line.text}` : line.text;
      }
      appendToSection();
      return;
    }

    if (current.kind === 'key_work' || current.kind === 'approach') {
      if (current.kind === 'key_work') keyWorkParts.push({ text: line.text, offset: line.offset });
      appendToSection();
      return;
    }

    // tasks and unrecognised sections: domains and numbered tasks
    const domainMatch = DOMAIN.exec(folded);
    if (domainMatch?.[1] && domainMatch[2] !== undefined) {
      closeDomain();
      const name = titleOfTask(line.text.slice(line.text.length - domainMatch[2].length));
      const draft: DomainDraft = { ordinal: chineseOrdinal(domainMatch[1]) ?? domains.length + 1, name, owners: [], tasks: [], ownerLines: [] };
      domains.push(draft);
      domain = draft;
      afterOwnerLine = false;
      appendToSection();
      return;
    }

    const taskMatch = matchTask(folded);
    if (taskMatch && (taskStyle === null || taskStyle === taskMatch.style)) {
      taskStyle = taskMatch.style;
      const owningDomain = ensureDomain();
      let body = line.text.slice(taskMatch.rest);
      let owners: Owner[] = [];
      const ownerGroup = TRAILING_OWNER_GROUP.exec(foldWidth(body));
      if (ownerGroup) {
        owners = parseOwnerPhrase(body.slice(ownerGroup.index));
        body = body.slice(0, ownerGroup.index).trimEnd();
      }
      const draft: TaskDraft = {
        number: taskMatch.number,
        title: titleOfTask(body),
        domain: owningDomain.ordinal,
        parts: [{ text: body, offset: line.offset + taskMatch.rest }],
        owners,
        ownersFromLine: false,
      };
      owningDomain.tasks.push(draft);
      task = draft;
      afterOwnerLine = false;
      appendToSection();
      return;
    }

    if (afterOwnerLine || (!task && !domain)) {
      if (task === null && domain === null && current.kind === 'other') {
        appendToSection();
        return;
      }
      // Text after a closing owner line and before the next heading belongs to nothing.
      warnings.push(`第${line.number}行：已忽略无法归入任何任务的内容“${line.text.slice(0, 40)}”`);
      return;
    }
    if (task) {
      const open: TaskDraft = task;
      open.parts.push({ text: line.text, offset: line.offset });
    }
    appendToSection();
  });
  closeDomain();

  // --- assemble ---
  const tasks: ParsedTask[] = [];
  const targetPlaces: { place: string; targets: ParsedTarget[] }[] = [];
  const seenNumbers = new Set<number>();
  for (const draft of domains.flatMap((d) => d.tasks)) {
    const targets = draft.parts.flatMap((part) => extractTargets(part.text, part.offset));
    if (seenNumbers.has(draft.number)) warnings.push(`任务编号${draft.number}重复出现`);
    seenNumbers.add(draft.number);
    tasks.push({
      number: draft.number,
      title: draft.title,
      domain: draft.domain,
      text: draft.parts.map((part) => part.text).join('\n'),
      owners: draft.owners,
      targets,
    });
    targetPlaces.push({ place: `任务${draft.number}“${draft.title}”`, targets });
  }
  tasks.forEach((current, index) => {
    const previous = tasks[index - 1];
    if (previous && current.number !== previous.number + 1) {
      warnings.push(`任务编号不连续：${previous.number} 之后是 ${current.number}`);
    }
  });
  if (tasks.length === 0) warnings.push('没有识别到编号任务（如“1.”“１．”“⒈”“(1)”）');

  const keyWorkTargets = keyWorkParts.flatMap((part) => extractTargets(part.text, part.offset));
  const keyWorkSection = sections.find((s) => s.kind === 'key_work');
  targetPlaces.unshift({ place: keyWorkSection ? `${keyWorkSection.title}` : '重点工作', targets: keyWorkTargets });

  // owners → canonical units
  const spellings = [
    ...domains.flatMap((d) => [...d.owners, ...d.tasks.flatMap((t) => t.owners)]),
    ...safeguards.flatMap((s) => s.owners),
  ].map((owner) => owner.unit);
  const { units, resolve } = groupUnits(spellings);
  const canonicalOwners = (owners: Owner[]): Owner[] => {
    const seen = new Set<string>();
    return owners
      .map((owner) => ({ unit: resolve(owner.unit), role: owner.role }))
      .filter((owner) => (seen.has(owner.unit) ? false : (seen.add(owner.unit), true)));
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
    units,
    conflicts: findConflicts(targetPlaces),
    warnings,
  };
}
