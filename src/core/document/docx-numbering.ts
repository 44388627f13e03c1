import { walkXml } from './xml';

/**
 * Word's automatic numbering, turned back into the text a reader sees. The numbers of "一、" "（一）" "1."
 * paragraphs are not in the text runs: numbering.xml says, per list and level, the format (decimal, Chinese
 * counting, circled…), the start and the pattern ("（%1）", "%1.%2"); a paragraph names its list and level
 * (directly or through its style). Counters run per list; a level restarts when a higher level advances.
 */

interface LevelDefinition {
  start: number;
  format: string;
  pattern: string;
  /** "isLgl": show every level's number as decimal */
  legal: boolean;
}

export interface ListInstance {
  levels: Map<number, LevelDefinition>;
  startOverrides: Map<number, number>;
  abstractId: string;
}

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseCounting(n: number): string {
  if (n <= 0) return String(n);
  if (n < 10) return CHINESE_DIGITS[n] ?? String(n);
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones === 0 ? '' : CHINESE_DIGITS[ones]}`;
  }
  return String(n);
}

function letters(n: number, base: string): string {
  let out = '';
  let k = n;
  while (k > 0) {
    const r = (k - 1) % 26;
    out = String.fromCharCode(base.charCodeAt(0) + r) + out;
    k = Math.floor((k - 1) / 26);
  }
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let k = n;
  for (const [value, symbol] of table)
    while (k >= value) {
      out += symbol;
      k -= value;
    }
  return out;
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimal':
    case 'decimalZero':
      return format === 'decimalZero' && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographLegalTraditional':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(n).replace(/\d/g, (d) => CHINESE_DIGITS[Number(d)] ?? d);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    case 'upperLetter':
      return letters(n, 'A');
    case 'lowerLetter':
      return letters(n, 'a');
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Reads numbering.xml: list instances by numId. */
export function readNumbering(xml: string): Map<string, ListInstance> {
  const abstracts = new Map<string, Map<number, LevelDefinition>>();
  const instances = new Map<string, { abstractId: string; startOverrides: Map<number, number> }>();
  let abstract: Map<number, LevelDefinition> | null = null;
  let level: { index: number; definition: LevelDefinition } | null = null;
  let instance: { abstractId: string; startOverrides: Map<number, number> } | null = null;
  let overrideLevel: number | null = null;
  walkXml(
    xml,
    {
      open(name, attributes) {
        const value = attributes['w:val'];
        if (name === 'w:abstractNum') {
          abstract = new Map();
          abstracts.set(attributes['w:abstractNumId'] ?? '', abstract);
        } else if (name === 'w:lvl' && abstract) {
          level = { index: Number(attributes['w:ilvl'] ?? 0), definition: { start: 1, format: 'decimal', pattern: '', legal: false } };
          abstract.set(level.index, level.definition);
        } else if (level && name === 'w:start') level.definition.start = Number(value ?? 1);
        else if (level && name === 'w:numFmt') level.definition.format = value ?? 'decimal';
        else if (level && name === 'w:lvlText') level.definition.pattern = value ?? '';
        else if (level && name === 'w:isLgl') level.definition.legal = value !== '0' && value !== 'false';
        else if (name === 'w:num') {
          instance = { abstractId: '', startOverrides: new Map() };
          instances.set(attributes['w:numId'] ?? '', instance);
        } else if (instance && name === 'w:abstractNumId') instance.abstractId = value ?? '';
        else if (instance && name === 'w:lvlOverride') overrideLevel = Number(attributes['w:ilvl'] ?? 0);
        else if (instance && overrideLevel !== null && name === 'w:startOverride')
          instance.startOverrides.set(overrideLevel, Number(value ?? 1));
      },
      close(name) {
        if (name === 'w:abstractNum') abstract = null;
        else if (name === 'w:lvl') level = null;
        else if (name === 'w:num') instance = null;
        else if (name === 'w:lvlOverride') overrideLevel = null;
      },
      text() {},
    },
    'word/numbering.xml',
  );
  const lists = new Map<string, ListInstance>();
  for (const [numId, { abstractId, startOverrides }] of instances) {
    lists.set(numId, { levels: abstracts.get(abstractId) ?? new Map(), startOverrides, abstractId });
  }
  return lists;
}

/** Counts list paragraphs as Word does and returns the label of each ("（三）", "2.1"). */
export class NumberingCounter {
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly lists: Map<string, ListInstance>) {}

  next(numId: string, levelIndex: number): string {
    const list = this.lists.get(numId);
    if (!list || numId === '0') return '';
    const counts = this.counters.get(numId) ?? [];
    for (let l = 0; l <= levelIndex; l++) {
      if (counts[l] === undefined) {
        const definition = list.levels.get(l);
        counts[l] = (list.startOverrides.get(l) ?? definition?.start ?? 1) - (l === levelIndex ? 1 : 0);
      }
    }
    counts[levelIndex] = (counts[levelIndex] ?? 0) + 1;
    counts.length = levelIndex + 1; // deeper levels restart
    this.counters.set(numId, counts);
    const definition = list.levels.get(levelIndex);
    if (!definition || definition.format === 'bullet') return '';
    return definition.pattern.replace(/%(\d)/g, (_, digit: string) => {
      const l = Number(digit) - 1;
      const format = definition.legal && l < levelIndex ? 'decimal' : (list.levels.get(l)?.format ?? 'decimal');
      return formatNumber(counts[l] ?? 1, format);
    });
  }
}
