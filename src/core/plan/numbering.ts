import type { ParsedSection } from '../../shared/plan';
import { chineseOrdinal } from '../text/fold';

/**
 * How plans number their parts, on width-folded text: top sections ("一、" "第一部分"), domains or tasks
 * ("(一)"), tasks ("1." "1、" "⒈" "①" "(1)" "1)"), and in-paragraph enumerations ("一是…二是…").
 */

export const TOP_SECTION = /^(?:([一二三四五六七八九十]+)[、.]|第([一二三四五六七八九十]+)(?:部分|章|篇)\s*)\s*(.*)$/;
export const DOMAIN = /^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$/;
const TASK_DOT = /^(\d{1,3})\s*[.、](?!\d)\s*(.+)$/;
/** "3.110工程": a task number whose name starts with digits (accepted only when 3 is the number expected next) */
const TASK_DOT_DIGITS = /^(\d{1,3})\s*[.、]\s*(\d.+)$/;
const TASK_PAREN = /^[(（](\d{1,3})[)）]\s*(.+)$/;
const TASK_HALF_PAREN = /^(\d{1,3})[)）]\s*(.+)$/;
const TASK_ENCLOSED = /^([\u2488-\u249b])\s*(.+)$/; // ⒈ … ⒛
const TASK_CIRCLED = /^([\u2460-\u2473])\s*(.+)$/; // ① … ⑳
const TASK_PAREN_DIGIT = /^([\u2474-\u2487])\s*(.+)$/; // ⑴ … ⒇

/** "1." and "⒈" are one numbering family (plans mix them); "(1)" another, "①" a third. */
export type TaskStyle = 'numeric' | 'paren' | 'circled';

export interface TaskNumber {
  number: number;
  /** where the title starts in the line */
  rest: number;
  style: TaskStyle;
  /** the number as written ("3.", "（2）", "⒊") */
  label: string;
}

export function matchTask(folded: string, expected: number | null): TaskNumber | null {
  const make = (number: number, rest: string, style: TaskStyle): TaskNumber => {
    const start = folded.length - rest.length;
    return { number, rest: start, style, label: folded.slice(0, start).trim() };
  };
  const dot = TASK_DOT.exec(folded);
  if (dot?.[1] && dot[2]) return make(Number(dot[1]), dot[2], 'numeric');
  const digits = TASK_DOT_DIGITS.exec(folded);
  if (
    digits?.[1] &&
    digits[2] &&
    expected !== null &&
    Number(digits[1]) === expected &&
    !/^\d+(\.\d+)?\s*(%|‰|万|亿|元|个|人)/.test(digits[2])
  ) {
    return make(Number(digits[1]), digits[2], 'numeric');
  }
  const paren = TASK_PAREN.exec(folded) ?? TASK_HALF_PAREN.exec(folded);
  if (paren?.[1] && paren[2]) return make(Number(paren[1]), paren[2], 'paren');
  const enclosed = TASK_ENCLOSED.exec(folded);
  if (enclosed?.[1] && enclosed[2]) return make((enclosed[1].codePointAt(0) ?? 0) - 0x2487, enclosed[2], 'numeric');
  const parenDigit = TASK_PAREN_DIGIT.exec(folded);
  if (parenDigit?.[1] && parenDigit[2]) return make((parenDigit[1].codePointAt(0) ?? 0) - 0x2473, parenDigit[2], 'paren');
  const circled = TASK_CIRCLED.exec(folded);
  if (circled?.[1] && circled[2]) return make((circled[1].codePointAt(0) ?? 0) - 0x245f, circled[2], 'circled');
  return null;
}

export function matchTopSection(folded: string): { ordinal: number; rest: number } | null {
  const top = TOP_SECTION.exec(folded);
  const numeral = top?.[1] ?? top?.[2];
  if (!top || numeral === undefined || top[3] === undefined) return null;
  const ordinal = chineseOrdinal(numeral);
  return ordinal === null ? null : { ordinal, rest: folded.length - top[3].length };
}

export function matchDomain(folded: string): { ordinal: number; rest: number; label: string } | null {
  const match = DOMAIN.exec(folded);
  if (!match?.[1] || match[2] === undefined) return null;
  const ordinal = chineseOrdinal(match[1]);
  if (ordinal === null) return null;
  const rest = folded.length - match[2].length;
  return { ordinal, rest, label: folded.slice(0, rest).trim() };
}

/** Is this line numbered at all (for the rule that no numbered line is dropped silently)? */
export function isNumbered(folded: string): boolean {
  return matchTopSection(folded) !== null || matchDomain(folded) !== null || matchTask(folded, null) !== null;
}

export function sectionKindOf(title: string): ParsedSection['kind'] {
  if (/(思路|指导思想|总体要求|基本原则|编制依据)/.test(title)) return 'approach';
  if (/(重点工作|工作重点|主要目标|总体目标|工作目标|年度目标|发展目标)/.test(title) && !/(任务分工|主要任务|重点任务)/.test(title))
    return 'key_work';
  if (/(主要任务|重点任务|具体任务|任务分工|工作任务|主要内容|主要措施|重点项目|民生实事|实施项目)/.test(title)) return 'tasks';
  // "二、完善社会保障体系" and "（三）住房保障" are domains of work; only the closing measures are safeguards
  if (/^\S{0,4}(保障措施|组织保障|实施保障|工作保障|保障机制|政策保障|要素保障|资金保障)$/.test(title)) return 'safeguards';
  if (/(工作要求|组织实施|组织领导|工作机制|督查考核|监督考核|考核评估|督促检查|宣传引导|有关要求|保障措施)/.test(title))
    return 'safeguards';
  return 'other';
}

/** A key-work section whose numbered items are tasks ("一、重点工作 1.… 2.…"), not one of stated targets. */
export function keyWorkHoldsTasks(title: string): boolean {
  return /(重点工作|工作重点)/.test(title);
}

const ENUMERATION = /([一二三四五六七八九十]+)是/g;

/** "一是…；二是…；三是…" inside a paragraph: the items, if the paragraph has at least two in order. */
export function enumerationItems(text: string): { ordinal: number; start: number; end: number; label: string }[] {
  const found: { ordinal: number; start: number; label: string }[] = [];
  for (const match of text.matchAll(ENUMERATION)) {
    const ordinal = chineseOrdinal(match[1] ?? '');
    const before = text[match.index - 1] ?? '';
    // an item starts a clause: at the start, or after punctuation
    if (ordinal === null || (match.index > 0 && !/[。；;，,：:\s]/.test(before))) continue;
    if (ordinal !== found.length + 1) continue;
    found.push({ ordinal, start: match.index, label: match[0] });
  }
  if (found.length < 2) return [];
  return found.map((item, i) => ({ ...item, end: found[i + 1]?.start ?? text.length }));
}
