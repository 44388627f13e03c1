/**
 * The store's SQL is written for SQLite; this turns a statement into its PostgreSQL form. What it rewrites is a
 * short, closed list — the constructs the repositories use — and any other SQLite-only construct is refused
 * loudly rather than sent to the server to fail there or, worse, to mean something else:
 *
 * | SQLite | PostgreSQL |
 * |---|---|
 * | `?`, `@name` parameters | `$1`, `$2` … (the names mapped to positions) |
 * | `x IN (SELECT value FROM json_each(?))` (a JSON list of ids or names) | `x IN (SELECT value::bigint FROM json_array_elements_text($1::json))` for an id, `x::text IN (…)` otherwise |
 * | `json_group_array(e)` (a JSON text, `[]` for no rows) | `COALESCE(json_agg(e)::text, '[]')` |
 * | `json_array(a, b)` | `json_build_array(a, b)` |
 * | `json_extract(col, '$.xxx_id')` (ids in the journal's keys) | `CAST(col::json->>'xxx_id' AS bigint)` |
 * | `SELECT name FROM pragma_table_info(?)` | the same names from information_schema.columns |
 * | `AS taskNumber` (SQLite keeps a name's case) | `AS "taskNumber"` (PostgreSQL folds unquoted names to lower case) |
 */

export interface ServerStatement {
  text: string;
  /** for each `$n`, where its value comes from: a position among `?`s or a named parameter */
  parameters: ({ position: number } | { name: string })[];
}

const UNTRANSLATED =
  /\b(json_each|json_extract|json_group_array|json_array|pragma_\w+|group_concat|iif|printf|glob|date|datetime|strftime|julianday|unixepoch|total_changes|changes|last_insert_rowid)\s*\(|\b(sqlite_\w+)/i;

export function toServerSql(sql: string): ServerStatement {
  let text = sql;
  if (/^\s*SELECT name FROM pragma_table_info\(\?\)\s*$/i.test(text)) {
    text =
      'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position';
  }
  text = text.replace(/([\w.]+)\s+IN\s+\(SELECT value FROM json_each\((\?|@\w+)\)\)/gi, (_match, column: string, parameter: string) =>
    // an id (`g.id`, `task_id`) is compared as a number, so its index serves; anything else (a session) as text
    /(^|[._])id$/.test(column)
      ? `${column} IN (SELECT value::bigint FROM json_array_elements_text(${parameter}::json))`
      : `${column}::text IN (SELECT value FROM json_array_elements_text(${parameter}::json))`,
  );
  text = replaceCalls(text, 'json_group_array', (argument) => `COALESCE(json_agg(${argument})::text, '[]')`);
  text = replaceCalls(text, 'json_array', (argument) => `json_build_array(${argument})`);
  text = replaceCalls(text, 'json_extract', (argument) => {
    const match = /^(.*),\s*'\$\.(\w+)'$/s.exec(argument.trim());
    if (!match?.[1] || !match[2]?.endsWith('id')) throw new Error(`json_extract is translated for id keys only: ${argument}`);
    return `CAST((${match[1]})::json->>'${match[2]}' AS bigint)`;
  });
  const leftover = UNTRANSLATED.exec(text);
  if (leftover) throw new Error(`SQLite-only SQL has no PostgreSQL form here (${leftover[1] ?? leftover[2]}): ${sql}`);
  return quoteMixedCase(numberParameters(text));
}

/** Replaces each call `name(…)` (its argument found by counting parentheses) by `build(argument)`. */
function replaceCalls(text: string, name: string, build: (argument: string) => string): string {
  const pattern = new RegExp(`\\b${name}\\s*\\(`, 'gi');
  let out = '';
  let from = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length;
    let depth = 1;
    let at = open;
    for (; at < text.length && depth > 0; at++) {
      const char = text[at];
      if (char === "'") at = text.indexOf("'", at + 1);
      else if (char === '(') depth++;
      else if (char === ')') depth--;
    }
    const argument = replaceCalls(text.slice(open, at - 1), name, build);
    out += text.slice(from, match.index) + build(argument);
    from = at;
    pattern.lastIndex = at;
  }
  return out + text.slice(from);
}

/**
 * Walks `text`, copying string literals and quoted identifiers as they are and handing every other position to
 * `step`, which answers what to write there and how many characters it took.
 */
function rewriteOutsideQuotes(text: string, step: (at: number) => { write: string; length: number }): string {
  let out = '';
  for (let at = 0; at < text.length;) {
    const char = text[at] ?? '';
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, at + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(at, stop);
      at = stop;
      continue;
    }
    const { write, length } = step(at);
    out += write;
    at += length;
  }
  return out;
}

/** `?` and `@name` to `$n`, skipping string literals and quoted identifiers. A name used twice is one `$n`. */
function numberParameters(text: string): ServerStatement {
  const parameters: ServerStatement['parameters'] = [];
  const named = new Map<string, number>();
  let positional = 0;
  const out = rewriteOutsideQuotes(text, (at) => {
    const char = text[at] ?? '';
    if (char === '?') {
      parameters.push({ position: positional++ });
      return { write: `$${parameters.length}`, length: 1 };
    }
    const name = char === '@' ? /^[A-Za-z_]\w*/.exec(text.slice(at + 1))?.[0] : undefined;
    if (!name) return { write: char, length: 1 };
    let index = named.get(name);
    if (index === undefined) {
      parameters.push({ name });
      index = parameters.length;
      named.set(name, index);
    }
    return { write: `$${index}`, length: name.length + 1 };
  });
  return { text: out, parameters };
}

/**
 * Quotes every mixed-case name outside literals (`taskNumber`, the repositories' column aliases): unquoted,
 * PostgreSQL would answer `tasknumber`. Keywords are written in capitals and tables and columns in snake_case,
 * so a name with a lower-case start and a capital inside is always an alias.
 */
function quoteMixedCase(statement: ServerStatement): ServerStatement {
  const text = statement.text;
  const out = rewriteOutsideQuotes(text, (at) => {
    const word = /\w/.test(text[at - 1] ?? '') ? undefined : /^[A-Za-z_]\w*/.exec(text.slice(at))?.[0];
    if (!word) return { write: text[at] ?? '', length: 1 };
    return { write: /^[a-z_]\w*[A-Z]/.test(word) ? `"${word}"` : word, length: word.length };
  });
  return { ...statement, text: out };
}
