import type { Comparator, ParsedTarget } from '../../shared/plan';
import { foldWidth } from '../text/fold';
import { toBase } from '../quantity';
import { refineTargets } from './target-label';

/**
 * The target grammar: finds the quantitative targets in a passage of plan text.
 *
 * A number is a target when it measures something the plan commits to: a count with a unit (3.35万人,
 * 108个), a rate (98%, 5.9‰, 20/10万), money (600元). It is not a target when it names a time (2017年,
 * 7月26日, 12月底), an anniversary (90周年), an age or a duration used as an eligibility condition
 * (80周岁以上老年人, 参加失业保险3年以上), an ordinal (第3期), a document number (〔2017〕34号) or part of a
 * quoted name ("1223"巴文化保护工程, 10大民生实事).
 *
 * A plain count with no comparator word ("为62.49万名学生免除学杂费") is read as `>=`: the figure is a floor the
 * year's work must reach; reaching more is meeting it, reaching less is not.
 */

const COUNT_UNITS = [
  '人次',
  '人',
  '名',
  '所',
  '个',
  '张',
  '套',
  '户',
  '场',
  '次',
  '元',
  '家',
  '座',
  '间',
  '处',
  '公里',
  '千米',
  '平方米',
  '亩',
  '吨',
  '辆',
  '台',
  '件',
  '项',
  '床',
  '册',
  '种',
  '条',
  '批',
  '支',
  '块',
  '部',
  '栏',
  '小时',
  '天',
  '倍',
  '个百分点',
  '万元',
  '亿元',
  '篇',
  '份',
  '趟',
  '站',
].sort((a, b) => b.length - a.length);

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const RANGE_SEPARATOR = String.raw`[—~\-至到]`;
const MAGNITUDE = '(?:千万|百万|十万|万|亿|千)';
const QUANTITY_PATTERN = new RegExp(
  String.raw`(${NUMBER})(?:\s*${RANGE_SEPARATOR}\s*(${NUMBER}))?\s*(\/\d+[万千亿]?|%|‰|${MAGNITUDE}?(?:${COUNT_UNITS.join('|')})|${MAGNITUDE})?`,
  'g',
);

/** What may follow a number that makes it a time, an age, an ordinal or a name, never a target. */
const NOT_A_MEASURE_AFTER = /^(?:年|月|日|周年|周岁|岁|届|号|期|级|大|星|类|版|代|后|号文|季度|点|时|分|秒|[A-Za-z])/;
// "不低于" must not read as "低于": the negated forms are listed first and the bare ones refuse a 不 before them.
const GREATER_BEFORE =
  /(不低于|不少于|不小于|至少|达到了?|达|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|(?<!不)超过|(?<!不)高于|保持在|稳定在|突破)$/;
const LESS_BEFORE =
  /(控制在|下降至|下降到|降低到|降低至|降至|降到|减少到|减少至|不超过|不高于|不多于|(?<!不)低于|(?<!不)少于|压减到|压减至|缩短到|缩短至)$/;
const APPROX_BEFORE = /(约|大约|大概)$/;
const AFTER_WORD = /^(及以上|以上|以内|以下|之内|左右|内)/;
const BASELINE_CHANGE_AFTER = /^(?:及以上|以上|以下|以内)?(提高|增加|提升|调整|上调|增长|下降|降低|减少|下调|缩短|扩大)(到|至)/;
const RELATIVE_BEFORE = /较(\d{4})年度?(同期)?(提高|增加|增长|提升|下降|降低|减少)了?$/;

const LEADING_FILLERS =
  /^(?:努力实现|力争实现|力争|确保|实现|全年|到年末|年末|本年度|本年|年内|当年|全面完成年度|全面完成|完成|共计|累计|继续|进一步|并且|并|其中|对|为|在|均|已|要|将|争取|使|着力|全市|全省|全县|全区|推动|推进|重点支持|积极)/;
const TRAILING_FILLERS = /(?:由|为|达|共|约|大约|共计|累计|总计|合计|继续|实现|分别|全部|均|新|将|,|，|、|：|:)$/;
const CLAUSE_SEPARATORS = new Set([',', ';', '。', ':', '!', '?', '、', '\n', '；', '，', '：']);
const SENTENCE_SEPARATORS = new Set(['。', ';', '；', '!', '?', '！', '？', '\n']);

function stripRepeatedly(text: string, pattern: RegExp): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(pattern, '').trim();
    if (next === current) return current;
    current = next;
  }
}

/** A quotation that states a target ("“城乡居民参保率达到95%以上”") is read; a quoted name ("1223") is not. */
const QUOTED_STATEMENT = /\d(?:\.\d+)?\s*(?:%|‰|万|亿|[\u4e00-\u9fff]{1,3})/;
const STATEMENT_WORDS = /(达到|不低于|不少于|不超过|控制在|提高到|提高至|保持在|以上|以内|以下|下降|增长|新增|完成)/;

/** Positions inside quotes, titles and document-number brackets: digits there are names, not targets. */
function quotedMask(folded: string): Uint8Array {
  const mask = new Uint8Array(folded.length);
  const pairs: Record<string, string> = { '“': '”', '《': '》', '〔': '〕', '【': '】', '‘': '’', '[': ']', '「': '」', '"': '"' };
  const sentenceQuotes = new Set(['“', '"', '「', '‘']);
  for (let i = 0; i < folded.length; i++) {
    const opener = folded[i] ?? '';
    const closer = pairs[opener];
    if (closer === undefined) continue;
    let end = folded.indexOf(closer, i + 1);
    if (end === -1) end = folded.length - 1;
    const inner = folded.slice(i + 1, end);
    const statement = sentenceQuotes.has(opener) && inner.length >= 8 && QUOTED_STATEMENT.test(inner) && STATEMENT_WORDS.test(inner);
    if (!statement) for (let k = i; k <= end; k++) mask[k] = 1;
    i = end;
  }
  return mask;
}

/** Start of the clause that ends at `index`, ignoring separators inside parentheses ("县(市、区)"). */
function clauseStart(folded: string, index: number, floor: number): number {
  let depth = 0;
  for (let i = index - 1; i >= floor; i--) {
    const ch = folded[i] ?? '';
    if (ch === ')') depth++;
    else if (ch === '(') depth = Math.max(0, depth - 1);
    else if (depth === 0 && CLAUSE_SEPARATORS.has(ch)) return i + 1;
  }
  return floor;
}

/**
 * End of the clause that starts at `index`. A "、" closes it unless what stands before it is a one- or
 * two-character fragment of a list of places ("8个省、市级中医重点专科").
 */
function clauseEnd(folded: string, index: number, ceiling: number): number {
  let depth = 0;
  for (let i = index; i < ceiling; i++) {
    const ch = folded[i] ?? '';
    if (/\d/.test(ch) && depth === 0) {
      // the next figure belongs to another phrase: end at the conjunction that joins them, if any
      const joined = folded.slice(index, i).search(/(和|及|与)[^和及与]*$/);
      return joined === -1 ? i : index + joined;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && CLAUSE_SEPARATORS.has(ch)) {
      if (ch === '、' && i - index >= 1 && i - index <= 2) continue;
      // "一、二年级": a list of ordinals, not a new clause
      if (ch === '、' && /[一二三四五六七八九十]/.test(folded[i - 1] ?? '') && /[一二三四五六七八九十]/.test(folded[i + 1] ?? '')) continue;
      return i;
    }
  }
  return ceiling;
}

function sentenceAround(text: string, index: number): { start: number; end: number } {
  let start = index;
  while (start > 0 && !SENTENCE_SEPARATORS.has(text[start - 1] ?? '')) start--;
  let end = index;
  while (end < text.length && !SENTENCE_SEPARATORS.has(text[end] ?? '')) end++;
  if (end < text.length && text[end] !== '\n') end++; // keep the closing 。
  return { start, end };
}

interface QuantityMatch {
  start: number;
  end: number;
  value: number;
  rangeEnd: number | null;
  unit: string;
}

/**
 * "轮候时间不超过3年", "人均预期寿命达到78.5岁", "办结时限缩短至5个工作日": a duration or an age is a target when a
 * comparator word stands right before it (or it is a life expectancy). Without one ("参加失业保险3年以上",
 * "80周岁以上老年人") it is a condition of eligibility, not a target.
 */
function measureAfterComparator(folded: string, start: number, end: number, numberText: string): string | null {
  const unit = /^(个工作日|工作日|个月|周岁|岁|年)/.exec(folded.slice(end, end + 4))?.[1];
  if (unit === undefined || /^\d{4}$/.test(numberText)) return null;
  const before = folded.slice(Math.max(0, start - 8), start);
  const compared = GREATER_BEFORE.test(before) || LESS_BEFORE.test(before);
  if ((unit === '岁' || unit === '周岁') && !compared && !/(寿命)[^,，。;；]{0,6}$/.test(before)) return null;
  if (unit !== '岁' && unit !== '周岁' && !compared) return null;
  return unit;
}

function findQuantities(folded: string, mask: Uint8Array): QuantityMatch[] {
  const found: QuantityMatch[] = [];
  for (const match of folded.matchAll(QUANTITY_PATTERN)) {
    const start = match.index;
    const numberText = match[1] ?? '';
    const end = start + match[0].length;
    const before = folded[start - 1] ?? '';
    if (/[\d.A-Za-z/]/.test(before) || before === '第' || mask[start] === 1) continue;
    const unit = match[3] ?? '';
    const rangeText = match[2];
    // "2016—2020年": the range belongs to a span of years, which the unit check below refuses.
    const after = folded.slice(end, end + 3);
    if (unit === '个' && /^(月|工作日)/.test(folded.slice(end))) {
      // "6个月", "5个工作日": a duration, a target only after a comparator word
      const measured = measureAfterComparator(folded, start, end - 1, numberText);
      if (measured !== null)
        found.push({
          start,
          end: end - 1 + measured.length,
          value: Number(numberText),
          rangeEnd: rangeText === undefined ? null : Number(rangeText),
          unit: measured,
        });
      continue;
    }
    if (unit === '' || /^(千万|百万|十万|万|亿|千)$/.test(unit)) {
      const measured = measureAfterComparator(folded, start, end, numberText);
      if (measured !== null) {
        found.push({
          start,
          end: end + measured.length,
          value: Number(numberText),
          rangeEnd: rangeText === undefined ? null : Number(rangeText),
          unit: measured,
        });
        continue;
      }
      if (NOT_A_MEASURE_AFTER.test(after)) continue;
      if (unit === '') continue; // a bare number with no unit is too ambiguous to be a target
    }
    found.push({
      start,
      end,
      value: Number(numberText),
      rangeEnd: rangeText === undefined ? null : Number(rangeText),
      unit,
    });
  }
  return found;
}

/** "收费不超过800元的普惠性幼儿园占比达到60%": the first figure qualifies what the second one measures. */
function isConditionOf(folded: string, condition: QuantityMatch, target: QuantityMatch): boolean {
  const afterWord = AFTER_WORD.exec(folded.slice(condition.end))?.[1] ?? '';
  const between = folded.slice(condition.end + afterWord.length, target.start);
  if (!between.startsWith('的') || between.length > 24) return false;
  for (const ch of between) if (CLAUSE_SEPARATORS.has(ch)) return false;
  return true;
}

function cleanLabel(prefix: string, suffix: string): string {
  let head = stripRepeatedly(prefix, LEADING_FILLERS);
  head = stripRepeatedly(head, TRAILING_FILLERS);
  head = head.replace(GREATER_BEFORE, '').replace(LESS_BEFORE, '').replace(APPROX_BEFORE, '').trim();
  head = stripRepeatedly(head, TRAILING_FILLERS);
  head = head.replace(/^.*[“"「‘]/, '');
  // "标准提高到每人每年610元": the comparator word stands before a per-person qualifier, not the figure
  head = head.replace(
    /(提高到|提高至|提升到|提升至|增加到|增加至|调整到|调整为|调整至|达到|不低于|不少于|不超过|控制在)(?=(每人|人均|每户|每生|每床|每名|每个|每[年月日天])\S{0,6}$)/,
    '',
  );
  const tail = suffix
    .replace(AFTER_WORD, '')
    .replace(/^的/, '')
    .replace(/(和|及|与|以及)$/, '')
    .replace(/[”"」’].*$/, '')
    .trim();
  const label = (head + tail).replace(/^[,，、:：;；\s]+|[,，、:：;；\s]+$/g, '');
  return label;
}

/**
 * Extracts the targets of a passage. `offset` is where the passage starts in the whole document, so each
 * target can point back at its source.
 */
export function extractTargets(passage: string, offset = 0): ParsedTarget[] {
  const folded = foldWidth(passage);
  const mask = quotedMask(folded);
  const quantities = findQuantities(folded, mask);
  const targets: ParsedTarget[] = [];

  for (let q = 0; q < quantities.length; q++) {
    const current = quantities[q];
    if (current === undefined) continue;
    const following = quantities[q + 1];
    if (following && isConditionOf(folded, current, following)) continue;
    let baseline: number | null = null;
    const labelStart = clauseStart(folded, current.start, 0);
    let head = current;

    // "由45元提高到50元": the first figure is the baseline of the second.
    const next = quantities[q + 1];
    if (folded[current.start - 1] === '由' && next !== undefined) {
      const between = folded.slice(current.end, next.start);
      if (BASELINE_CHANGE_AFTER.test(between) && between.length <= 7) {
        baseline = toBase(current.value, current.unit || next.unit).baseValue;
        head = next;
        q++;
      }
    }

    const beforeText = folded.slice(labelStart, head.start);
    const afterMatch = AFTER_WORD.exec(folded.slice(head.end));
    const afterWord = afterMatch?.[1] ?? '';
    const afterEnd = head.end + afterWord.length;

    const relative = RELATIVE_BEFORE.exec(beforeText);
    let comparator: Comparator = '>=';
    let approx = false;
    if (head.rangeEnd !== null) comparator = 'range';
    else if (afterWord === '以上' || afterWord === '及以上') comparator = '>=';
    else if (afterWord === '以内' || afterWord === '以下' || afterWord === '之内' || afterWord === '内') comparator = '<=';
    else if (LESS_BEFORE.test(beforeText)) comparator = '<=';
    else if (GREATER_BEFORE.test(beforeText)) comparator = '>=';
    if (afterWord === '左右') {
      comparator = '=';
      approx = true;
    }
    if (APPROX_BEFORE.test(beforeText)) approx = true;

    const { baseValue, baseUnit } = toBase(head.value, head.unit);
    let min: number | null = null;
    let max: number | null = null;
    if (head.rangeEnd !== null) {
      min = baseValue;
      max = toBase(head.rangeEnd, head.unit).baseValue;
    }

    const labelEnd = clauseEnd(folded, afterEnd, folded.length);
    let prefix = passage.slice(labelStart, current.start);
    if (relative) prefix = prefix.slice(0, prefix.length - relative[0].length);
    const label = cleanLabel(prefix, passage.slice(afterEnd, labelEnd)) || head.unit || '指标';
    const sentence = sentenceAround(passage, head.start);
    const comparatorWord =
      GREATER_BEFORE.exec(beforeText)?.[1] ?? LESS_BEFORE.exec(beforeText)?.[1] ?? APPROX_BEFORE.exec(beforeText)?.[1] ?? '';
    const rawStart = head.start - comparatorWord.length;

    targets.push({
      label,
      comparator,
      value: head.rangeEnd === null ? head.value : null,
      unit: head.unit,
      baseValue: head.rangeEnd === null ? baseValue : null,
      baseUnit,
      approx,
      min,
      max,
      baseline,
      relativeToYear: relative?.[1] ? Number(relative[1]) : null,
      text: passage.slice(sentence.start, sentence.end).trim(),
      raw: passage.slice(rawStart, afterEnd),
      offset: offset + head.start,
    });
  }
  return refineTargets(targets);
}
