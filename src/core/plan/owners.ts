import type { Owner } from '../../shared/plan';
import { foldWidth } from '../text/fold';

/**
 * Owner phrases: "(责任单位:市教育局、市财政局等)", "（牵头单位：X，配合单位：Y、Z）", "【牵头单位：X】",
 * "牵头单位:X;责任单位:Y", "主办单位:X", "责任单位：市教育局（牵头）、市财政局". The first org of an unlabelled
 * 责任单位 list leads, the rest cooperate; beside a 牵头 label, 责任单位 are the co-operating orgs.
 */

const LEAD_LABELS = ['牵头单位', '牵头部门', '主办单位', '主责单位', '牵头责任单位', '责任牵头单位', '牵头'];
const CO_LABELS = ['配合单位', '协办单位', '参与单位', '配合部门', '协助单位', '协同单位', '参加单位'];
const GENERIC_LABELS = ['责任单位', '责任部门', '实施单位', '承办单位'];
const ALL_LABELS = [...LEAD_LABELS, ...CO_LABELS, ...GENERIC_LABELS].sort((a, b) => b.length - a.length);
const LABELS = ALL_LABELS.join('|');

const LABEL_PATTERN = new RegExp(`(${LABELS})\\s*[:：]`, 'g');
const OPENERS = '(（【\\[〔';
const CLOSERS = ')）】\\]〕';

/** Does this line state owners (on its own, perhaps in brackets)? */
export const OWNER_LINE = new RegExp(`^\\s*[${OPENERS}]?\\s*(${LABELS})\\s*[:：]`);
/** An owner group in brackets anywhere in a line (closed, or running to the line end). */
const OWNER_GROUP = new RegExp(`[${OPENERS}]\\s*(?:${LABELS})\\s*[:：][^${CLOSERS}]*(?:[${CLOSERS}]|$)`, 'g');
/** Owners written after the task's text without brackets: "…。牵头单位：X；配合单位：Y" */
const TRAILING_BARE_OWNERS = new RegExp(`(?<=[。；;])\\s*(?:${LABELS})\\s*[:：][^。]*[。]?$`);

/** "（市发展改革委牵头，市财政局、市人社局按职责分工负责）": roles written after the orgs, no labels. */
const ROLE_WORDS_GROUP =
  /[(（]([^()（）]{2,80}?)牵头(?:[,，;；、]\s*([^()（）]{2,120}?)(?:配合|参与|协助|协同|按职责分工负责|按职责分工落实|分工负责|负责))?[)）]\s*[。.]?\s*$/;

/** The orgs of a role-words group as a labelled phrase ("牵头单位：X；配合单位：Y"), or null. */
function roleWordsPhrase(folded: string, original: string): { phrase: string; index: number } | null {
  const match = ROLE_WORDS_GROUP.exec(folded);
  if (!match?.[1]) return null;
  const at = (group: string | undefined): string =>
    group === undefined ? '' : original.slice(folded.indexOf(group, match.index), folded.indexOf(group, match.index) + group.length);
  const co = at(match[2]).replace(/^(各有关部门|有关部门|各相关部门|相关部门)$/, '');
  return { phrase: `牵头单位：${at(match[1])}${co ? `；配合单位：${co}` : ''}`, index: match.index };
}

/** Splits the owner groups off a task line: the text without them, and the phrases found. */
export function takeOwnerGroups(line: string): { text: string; phrases: string[] } {
  const folded = foldWidth(line);
  const phrases: string[] = [];
  let text = '';
  let last = 0;
  const roleWords = OWNER_GROUP.test(folded) ? null : roleWordsPhrase(folded, line);
  OWNER_GROUP.lastIndex = 0;
  if (roleWords) return { text: line.slice(0, roleWords.index).replace(/\s+$/, ''), phrases: [roleWords.phrase] };
  for (const match of folded.matchAll(OWNER_GROUP)) {
    phrases.push(line.slice(match.index, match.index + match[0].length));
    text += line.slice(last, match.index);
    last = match.index + match[0].length;
  }
  text += line.slice(last);
  const bare = TRAILING_BARE_OWNERS.exec(foldWidth(text));
  if (bare) {
    phrases.push(text.slice(bare.index));
    text = text.slice(0, bare.index);
  }
  return { text: text.replace(/\s+$/, ''), phrases };
}

/** An owner bracket opened on this line and not closed: the phrase goes on on the next line. */
export function hasOpenOwnerGroup(line: string): boolean {
  const folded = foldWidth(line);
  const match = new RegExp(`[${OPENERS}]\\s*(?:${LABELS})\\s*[:：][^${CLOSERS}]*$`).exec(folded);
  return match !== null;
}

const ADMIN_LEVEL = /^[县市区乡镇旗]+$/;

/**
 * Splits "A、B,C;D" at top level only: "各县(市、区)人民政府" stays whole, and so does "各县、市、区政府"
 * (one suffix shared by a list of kinds of government).
 */
export function splitOrgList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    const folded = foldWidth(ch);
    if (folded === '(') depth++;
    if (folded === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、,;，；\s]/.test(folded)) {
      if (current.trim()) parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  const orgs: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    // "各县" "市" "区政府": bare levels between a 各-prefixed level and a suffixed one are one org
    if (/^各[县市区乡镇旗]+$/.test(part) && ADMIN_LEVEL.test(parts[i + 1] ?? '')) {
      let j = i + 1;
      while (j < parts.length && ADMIN_LEVEL.test(parts[j] as string)) j++;
      const tail = parts[j];
      if (tail !== undefined && /^[县市区乡镇旗]/.test(tail)) {
        orgs.push(parts.slice(i, j + 1).join('、'));
        i = j;
        continue;
      }
    }
    orgs.push(part);
  }
  return orgs
    .map((org) =>
      org
        .replace(/(等|等单位|等部门|等有关单位|等相关单位)$/, '')
        .replace(/^(和|及|以及)/, '')
        .trim(),
    )
    .filter((org) => org.length > 0 && org !== '等');
}

/** "市教育局（牵头）": a role written after the org. */
const ROLE_SUFFIX = /[(（](牵头|配合|协办)[)）]$/;

/** Reads an owner phrase (or several joined with "；") into ordered owners with roles, leads first. */
export function parseOwnerPhrase(phrase: string): Owner[] {
  let text = phrase.trim();
  text = text.replace(/[。.]$/, '').trim();
  if (/^[(（【[〔]/.test(text) && /[)）】\]〕]$/.test(text)) text = text.slice(1, -1);
  text = text.replace(/^[(（【[〔]/, '');
  const segments: { label: string; list: string }[] = [];
  const folded = foldWidth(text);
  const matches = [...folded.matchAll(LABEL_PATTERN)];
  // "完成时限：2023年底" after the orgs is not one of them
  const stop = folded.search(/[;；,，。\s]*(完成时限|完成时间|时间节点|时限要求|进度安排|时限)\s*[:：]/);
  matches.forEach((match, index) => {
    const start = match.index + match[0].length;
    const next = matches[index + 1]?.index ?? text.length;
    const end = stop > start && stop < next ? stop : next;
    segments.push({ label: match[1] ?? '', list: text.slice(start, end).replace(/[;；,，。\s)）】\]〕]+$/, '') });
  });
  const hasLead = segments.some((segment) => LEAD_LABELS.includes(segment.label));
  const owners: Owner[] = [];
  const seen = new Set<string>();
  const add = (written: string, role: Owner['role']): void => {
    const suffix = ROLE_SUFFIX.exec(foldWidth(written));
    const org = suffix ? written.slice(0, suffix.index).trim() : written;
    const actual: Owner['role'] = suffix ? (suffix[1] === '牵头' ? 'lead' : 'co') : role;
    if (org === '' || seen.has(org)) return;
    seen.add(org);
    owners.push({ org, role: actual });
  };
  for (const segment of segments) {
    const orgs = splitOrgList(segment.list);
    const suffixLead = orgs.some((org) => ROLE_SUFFIX.exec(foldWidth(org))?.[1] === '牵头');
    if (LEAD_LABELS.includes(segment.label)) orgs.forEach((org) => add(org, 'lead'));
    else if (CO_LABELS.includes(segment.label) || hasLead || suffixLead) orgs.forEach((org) => add(org, 'co'));
    else orgs.forEach((org, index) => add(org, index === 0 ? 'lead' : 'co'));
  }
  return [...owners.filter((o) => o.role === 'lead'), ...owners.filter((o) => o.role === 'co')];
}

/** Owners from table cells: a 牵头 column, a 配合 column, or one 责任单位 column (first leads). */
export function ownersFromCells(lead: string, co: string, generic: string): Owner[] {
  const phrases: string[] = [];
  if (lead.trim()) phrases.push(/[:：]/.test(lead) ? lead : `牵头单位：${lead}`);
  if (co.trim()) phrases.push(/[:：]/.test(co) ? co : `配合单位：${co}`);
  if (generic.trim()) phrases.push(/[:：]/.test(generic) ? generic : `${lead.trim() ? '配合单位' : '责任单位'}：${generic}`);
  return parseOwnerPhrase(phrases.join('；'));
}
