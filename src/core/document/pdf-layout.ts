/**
 * Page layout → reading order, for PDFs, which keep only positioned glyph runs: runs are grouped into lines
 * by baseline, lines into paragraphs (a wrapped line continues the paragraph; an indented, numbered or short-
 * ended line starts a new one), page headers/footers and page numbers are dropped, and tables are rebuilt from
 * the rules drawn around their cells (or, with no rules, from the columns of runs separated by wide gaps).
 * Pure geometry on plain numbers: pdf.js is only in read-pdf.ts.
 */

export interface TextRun {
  text: string;
  x: number;
  /** baseline, PDF space (grows upwards) */
  y: number;
  width: number;
  size: number;
}

export interface Rule {
  /** horizontal: y and x0..x1; vertical: x and y0..y1 */
  at: number;
  from: number;
  to: number;
}

export interface PageLayout {
  width: number;
  height: number;
  runs: TextRun[];
  horizontal: Rule[];
  vertical: Rule[];
}

export interface Line {
  runs: TextRun[];
  y: number;
  x: number;
  end: number;
  size: number;
  text: string;
  /** text split where runs are far apart (a table without rules) */
  segments: { x: number; text: string }[];
}

export type LaidOut =
  | { kind: 'paragraph'; text: string; page: number; line: number; size: number }
  | { kind: 'row'; cells: string[]; page: number; table: number; row: number; spansWidth: boolean };

const isAsciiWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);

function joinRuns(runs: TextRun[]): string {
  let text = '';
  let previous: TextRun | null = null;
  for (const run of runs) {
    if (previous) {
      const gap = run.x - (previous.x + previous.width);
      if (gap > previous.size * 0.25 && isAsciiWord(text.at(-1)) && isAsciiWord(run.text[0])) text += ' ';
    }
    text += run.text;
    previous = run;
  }
  return text;
}

export function groupLines(runs: TextRun[]): Line[] {
  const sorted = runs.filter((run) => run.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    const anchor = group?.[0];
    if (group && anchor && Math.abs(anchor.y - run.y) <= Math.max(anchor.size, run.size) * 0.45) group.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    const ordered = group.sort((a, b) => a.x - b.x);
    const segments: { x: number; text: string }[] = [];
    let current: TextRun[] = [];
    for (const run of ordered) {
      const last = current.at(-1);
      if (last && run.x - (last.x + last.width) > Math.max(last.size, run.size) * 1.5) {
        segments.push({ x: current[0]?.x ?? 0, text: joinRuns(current) });
        current = [];
      }
      current.push(run);
    }
    if (current.length > 0) segments.push({ x: current[0]?.x ?? 0, text: joinRuns(current) });
    const first = ordered[0] as TextRun;
    const last = ordered.at(-1) as TextRun;
    const sizes = ordered.map((run) => run.size).sort((a, b) => a - b);
    return {
      runs: ordered,
      y: first.y,
      x: first.x,
      end: last.x + last.width,
      size: sizes[Math.floor(sizes.length / 2)] ?? first.size,
      text: segments.map((segment) => segment.text).join(' '),
      segments,
    };
  });
}

const PAGE_NUMBER = /^[-—–－_ ]*(第\s*)?\d{1,4}(\s*页)?(\s*[/共]\s*\d{1,4}\s*页?)?[-—–－_ ]*$/;
const PAGE_NUMBER_WORDS = /^(-|—|–)?\s*\d{1,4}\s*(-|—|–)?$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d+\s*\/\s*\d+$/;

/** Header/footer lines: page numbers, and text repeated at the top or bottom of most pages. */
export function furnitureKeys(pages: { lines: Line[]; height: number }[]): Set<string> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const line of page.lines) {
      if (line.y < page.height * 0.9 && line.y > page.height * 0.1) continue;
      const key = line.text.replace(/\d+/g, '#').replace(/\s+/g, '');
      if (!seen.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
      seen.add(key);
    }
  }
  const repeated = new Set<string>();
  if (pages.length >= 2) for (const [key, count] of counts) if (count >= Math.max(2, pages.length * 0.5)) repeated.add(key);
  return repeated;
}

export function isFurniture(line: Line, height: number, repeated: Set<string>): boolean {
  if (line.y < height * 0.9 && line.y > height * 0.1) return false;
  const compact = line.text.replace(/\s+/g, '');
  if (PAGE_NUMBER.test(compact) || PAGE_NUMBER_WORDS.test(line.text.trim())) return true;
  return repeated.has(line.text.replace(/\d+/g, '#').replace(/\s+/g, ''));
}

/** Drawn segments at one height (or x) that touch are one rule: a table border is often drawn cell by cell. */
export function mergeRules(rules: Rule[]): Rule[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at || a.from - b.from);
  const merged: Rule[] = [];
  for (const rule of sorted) {
    const last = merged.at(-1);
    if (last && Math.abs(last.at - rule.at) <= 1.5 && rule.from <= last.to + 3) last.to = Math.max(last.to, rule.to);
    else merged.push({ ...rule });
  }
  return merged;
}

interface Grid {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** y of the horizontal rules, top first */
  rows: number[];
  vertical: Rule[];
}

/** Tables on a page: stacks of long horizontal rules over the same span. */
function findGrids(horizontal: Rule[], vertical: Rule[]): Grid[] {
  const long = horizontal.filter((rule) => rule.to - rule.from >= 40).sort((a, b) => b.at - a.at);
  const grids: Grid[] = [];
  for (const rule of long) {
    const grid = grids.find((g) => {
      const overlap = Math.min(g.right, rule.to) - Math.max(g.left, rule.from);
      return overlap >= 0.6 * Math.min(g.right - g.left, rule.to - rule.from) && g.bottom - rule.at < 400;
    });
    if (grid) {
      if (Math.abs((grid.rows.at(-1) ?? 0) - rule.at) > 1.5) grid.rows.push(rule.at);
      grid.bottom = Math.min(grid.bottom, rule.at);
      grid.left = Math.min(grid.left, rule.from);
      grid.right = Math.max(grid.right, rule.to);
    } else grids.push({ top: rule.at, bottom: rule.at, left: rule.from, right: rule.to, rows: [rule.at], vertical: [] });
  }
  for (const grid of grids) {
    grid.vertical = vertical.filter(
      (rule) => rule.at >= grid.left - 2 && rule.at <= grid.right + 2 && rule.to >= grid.bottom - 2 && rule.from <= grid.top + 2,
    );
  }
  return grids.filter((grid) => grid.rows.length >= 2);
}

function cellText(lines: Line[]): string {
  let text = '';
  for (const line of lines) {
    if (text && isAsciiWord(text.at(-1)) && isAsciiWord(line.text[0])) text += ' ';
    text += line.text.replace(/\s{2,}/g, ' ');
  }
  return text.trim();
}

/** Runs inside a grid → rows of cells, by the rules around them. */
function gridRows(grid: Grid, runs: TextRun[]): { cells: string[]; spansWidth: boolean; y: number }[] {
  const rows: { cells: string[]; spansWidth: boolean; y: number }[] = [];
  // columns for grids drawn without vertical rules: the starts of the first row's runs
  let fallbackColumns: number[] | null = null;
  for (let r = 0; r + 1 < grid.rows.length; r++) {
    const top = grid.rows[r] as number;
    const bottom = grid.rows[r + 1] as number;
    const inside = runs.filter((run) => run.y < top && run.y > bottom && run.x >= grid.left - 2 && run.x <= grid.right);
    if (inside.length === 0) continue;
    const middle = (top + bottom) / 2;
    const crossing = grid.vertical
      .filter((rule) => rule.from <= middle && rule.to >= middle && rule.at > grid.left + 3 && rule.at < grid.right - 3)
      .map((rule) => rule.at)
      .sort((a, b) => a - b);
    let bounds = [grid.left, ...crossing.filter((x, i, all) => i === 0 || x - (all[i - 1] ?? 0) > 3), grid.right];
    if (grid.vertical.length === 0) {
      fallbackColumns ??= groupLines(inside)
        .flatMap((line) => line.segments.map((segment) => segment.x))
        .sort((a, b) => a - b);
      bounds = [grid.left, ...fallbackColumns.slice(1), grid.right];
    }
    const cells = bounds.slice(0, -1).map((from, c) => {
      const to = bounds[c + 1] as number;
      return cellText(groupLines(inside.filter((run) => run.x + Math.min(run.width, run.size) / 2 >= from && run.x < to)));
    });
    rows.push({ cells, spansWidth: bounds.length === 2 && grid.vertical.length > 0, y: top });
  }
  return rows;
}

/** Lines with wide gaps, one after another, with no rules drawn: rows by the columns of their runs. */
function gapTableRows(lines: Line[]): string[][] {
  const widest = lines.reduce((best, line) => (line.segments.length > best.segments.length ? line : best));
  const starts = widest.segments.map((segment) => segment.x);
  const columnOf = (x: number): number => {
    let best = 0;
    starts.forEach((start, i) => {
      if (x >= start - 6) best = i;
    });
    return best;
  };
  const rows: string[][] = [];
  for (const line of lines) {
    const cells = starts.map(() => '');
    for (const segment of line.segments) {
      const c = columnOf(segment.x);
      cells[c] = `${cells[c] ?? ''}${segment.text}`;
    }
    const previous = rows.at(-1);
    // a wrapped cell: the line has nothing in the first column, so it continues the row above
    if (previous && cells[0] === '' && rows.length > 1) cells.forEach((cell, c) => (previous[c] = `${previous[c] ?? ''}${cell}`));
    else rows.push(cells);
  }
  return rows;
}

const STARTS_NEW_ITEM =
  /^\s*([(（]?[一二三四五六七八九十]+[)）、．.]|[(（]?\d{1,3}[)）]|\d{1,3}\s*[.．、](?!\d)|[⒈-⒛①-⑳]|第[一二三四五六七八九十]+[章节部分条]|[(（【]?(牵头|责任|配合|主办|协办)(单位|部门)[:：])/;

/** Lines of the whole document → paragraphs and table rows, in reading order. */
export function layOut(pages: PageLayout[]): LaidOut[] {
  const pageLines = pages.map((page) => ({ lines: groupLines(page.runs), height: page.height }));
  const repeated = furnitureKeys(pageLines);
  const out: LaidOut[] = [];
  let table = 0;
  let open: { kind: 'paragraph'; text: string; page: number; line: number; size: number; end: number; right: number } | null = null;
  const bodySizes = pageLines.flatMap((page) => page.lines.map((line) => Math.round(line.size * 2) / 2)).sort((a, b) => a - b);
  const bodySize = bodySizes[Math.floor(bodySizes.length / 2)] ?? 12;
  const flush = (): void => {
    if (open) out.push({ kind: 'paragraph', text: open.text, page: open.page, line: open.line, size: open.size });
    open = null;
  };

  pages.forEach((page, p) => {
    const horizontal = mergeRules(page.horizontal);
    const vertical = mergeRules(page.vertical);
    const grids = findGrids(horizontal, vertical);
    const inGrid = (run: TextRun): Grid | undefined =>
      grids.find((grid) => run.y < grid.top && run.y > grid.bottom && run.x >= grid.left - 2 && run.x <= grid.right);
    const lines = (pageLines[p]?.lines ?? []).filter((line) => !isFurniture(line, page.height, repeated));
    const left = Math.min(...lines.map((line) => line.x));
    const right = Math.max(...lines.map((line) => line.end));
    const emitted = new Set<Grid>();
    let lineNumber = 0;
    let gapRun: Line[] = [];
    const flushGapRun = (): void => {
      if (gapRun.length >= 2) {
        flush();
        table++;
        gapTableRows(gapRun).forEach((cells, r) => out.push({ kind: 'row', cells, page: p + 1, table, row: r + 1, spansWidth: false }));
      } else for (const line of gapRun) addLine(line);
      gapRun = [];
    };
    const addLine = (line: Line): void => {
      const indent = line.x - left;
      const continues =
        open !== null &&
        open.end >= open.right - open.size * 2 &&
        indent < line.size * 1.2 &&
        !STARTS_NEW_ITEM.test(line.text) &&
        Math.abs(line.size - open.size) < 1;
      const title = open !== null && line.size > bodySize * 1.2 && Math.abs(line.size - open.size) < 0.5;
      if (open !== null && (continues || title)) {
        const joiner = isAsciiWord(open.text.at(-1)) && isAsciiWord(line.text[0]) ? ' ' : '';
        open.text += joiner + line.text;
        open.end = line.end;
        return;
      }
      flush();
      open = { kind: 'paragraph', text: line.text, page: p + 1, line: lineNumber, size: line.size, end: line.end, right };
    };
    for (const line of lines) {
      lineNumber++;
      const grid = line.runs.length > 0 ? inGrid(line.runs[0] as TextRun) : undefined;
      if (grid) {
        flushGapRun();
        if (!emitted.has(grid)) {
          emitted.add(grid);
          flush();
          table++;
          const gridRuns = lines.flatMap((l) => l.runs).filter((run) => inGrid(run) === grid);
          gridRows(grid, gridRuns).forEach((row, r) =>
            out.push({ kind: 'row', cells: row.cells, page: p + 1, table, row: r + 1, spansWidth: row.spansWidth }),
          );
        }
        continue;
      }
      if (line.segments.length >= 2) {
        gapRun.push(line);
        continue;
      }
      flushGapRun();
      addLine(line);
    }
    flushGapRun();
  });
  flush();
  return out;
}
