import { describe, expect, it } from 'vitest';
import { toServerSql } from '../../../../../src/app/store/pg/server-sql';

describe('the PostgreSQL form of the store SQL', () => {
  it('numbers ? and @name parameters, leaving literals and quoted names alone', () => {
    expect(toServerSql('SELECT \'?\' AS q, "a@b" FROM t WHERE id = ? AND name = @name AND x = @name AND y = ?')).toEqual({
      text: 'SELECT \'?\' AS q, "a@b" FROM t WHERE id = $1 AND name = $2 AND x = $2 AND y = $3',
      parameters: [{ position: 0 }, { name: 'name' }, { position: 1 }],
    });
  });

  it('reads a JSON list with json_array_elements_text: ids as numbers (the index serves), other values as text', () => {
    expect(toServerSql('SELECT id FROM target g WHERE g.id IN (SELECT value FROM json_each(?))').text).toBe(
      'SELECT id FROM target g WHERE g.id IN (SELECT value::bigint FROM json_array_elements_text($1::json))',
    );
    expect(toServerSql('SELECT id FROM target WHERE task_id IN (SELECT value FROM json_each(?))').text).toBe(
      'SELECT id FROM target WHERE task_id IN (SELECT value::bigint FROM json_array_elements_text($1::json))',
    );
    expect(toServerSql('SELECT 1 FROM action a WHERE a.session IN (SELECT value FROM json_each(?))').text).toBe(
      'SELECT 1 FROM action a WHERE a.session::text IN (SELECT value FROM json_array_elements_text($1::json))',
    );
  });

  it('builds JSON text as SQLite does, [] for no rows, through nested calls', () => {
    expect(toServerSql('SELECT (SELECT json_group_array(json_array(u.name, o.role)) FROM o) AS owners').text).toBe(
      "SELECT (SELECT COALESCE(json_agg(json_build_array(u.name, o.role))::text, '[]') FROM o) AS owners",
    );
  });

  it('reads an id from the journal key as a number, and refuses other keys', () => {
    expect(toServerSql("SELECT 1 FROM change_log c WHERE json_extract(c.row_key, '$.task_id') = @taskId").text).toBe(
      "SELECT 1 FROM change_log c WHERE CAST((c.row_key)::json->>'task_id' AS bigint) = $1",
    );
    expect(() => toServerSql("SELECT json_extract(c.row_json, '$.label') FROM change_log c")).toThrow('id keys only');
  });

  it('refuses SQLite-only SQL it has no form for, instead of sending it', () => {
    expect(() => toServerSql('SELECT group_concat(name) FROM unit')).toThrow('no PostgreSQL form');
    expect(() => toServerSql("SELECT * FROM sqlite_master WHERE type = 'table'")).toThrow('sqlite_master');
    expect(() => toServerSql('SELECT * FROM pragma_index_list(?)')).toThrow('pragma_index_list');
  });

  it('keeps the case of the aliases the repositories read, in the select list and after GROUP BY', () => {
    expect(toServerSql("SELECT substr(l.code, 1, 3) AS classCode, 'keepCase' AS x FROM l GROUP BY classCode").text).toBe(
      'SELECT substr(l.code, 1, 3) AS "classCode", \'keepCase\' AS x FROM l GROUP BY "classCode"',
    );
  });
});
