/**
 * Org names as plans write them vary: "市人力资源社会保障局" and "市人力资源和社会保障局" are one bureau,
 * "市发改委" is "市发展改革委". An org is known by a key that drops connective characters and expands common
 * abbreviations; the most frequent spelling becomes the canonical name, the others its aliases.
 */

const ABBREVIATIONS: [RegExp, string][] = [
  [/发改委$/, '发展改革委'],
  [/人社局$/, '人力资源社会保障局'],
  [/住建局$/, '住房城乡建设局'],
  [/卫计委$/, '卫生计生委'],
  [/经信委$/, '经济信息化委'],
  [/食药监局$/, '食品药品监管局'],
];

export function orgKey(name: string): string {
  let key = name.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '');
  for (const [pattern, expansion] of ABBREVIATIONS) key = key.replace(pattern, expansion);
  return key.replace(/[和与及]/g, '');
}

export interface OrgGroup {
  name: string;
  aliases: string[];
}

/** Groups spellings into orgs; `resolve` maps any spelling to its canonical name. */
export function groupOrgs(spellings: readonly string[]): { orgs: OrgGroup[]; resolve: (name: string) => string } {
  const byKey = new Map<string, Map<string, number>>();
  for (const spelling of spellings) {
    const key = orgKey(spelling);
    const counts = byKey.get(key) ?? new Map<string, number>();
    counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
    byKey.set(key, counts);
  }
  const canonical = new Map<string, string>();
  const orgs: OrgGroup[] = [];
  for (const [key, counts] of byKey) {
    // Map keeps insertion order, so on a tie the first spelling seen wins.
    let best = '';
    let bestCount = -1;
    for (const [spelling, count] of counts) {
      if (count > bestCount) {
        best = spelling;
        bestCount = count;
      }
    }
    canonical.set(key, best);
    orgs.push({ name: best, aliases: [...counts.keys()].filter((spelling) => spelling !== best) });
  }
  return { orgs, resolve: (name) => canonical.get(orgKey(name)) ?? name };
}
