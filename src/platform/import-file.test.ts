import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { DomainError } from './errors.ts';
import { csvBoolean, parseImportFile } from './import-file.ts';

const Row = Type.Object(
  { name: Type.String(), count: Type.Optional(Type.Integer()), on: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const opts = {
  schema: Row,
  listKey: 'rows',
  cell: (h: string, v: string) => (h === 'count' ? (/^\d+$/.test(v) ? Number(v) : v) : h === 'on' ? csvBoolean(v) : v),
};

describe('import files (servers import, registrar import)', () => {
  it('R-ACC-006: CSV with quotes, a BOM and empty cells, and JSON in both shapes give the same rows', () => {
    const csv = '\uFEFFname,count,on\r\n"a, ""quoted""",3,true\r\nb,,0\r\n\r\n';
    assert.deepEqual(parseImportFile(csv, 'x.CSV', opts), [
      { name: 'a, "quoted"', count: 3, on: true },
      { name: 'b', on: false },
    ]);
    const rows = [{ name: 'a' }];
    assert.deepEqual(parseImportFile(JSON.stringify(rows), 'x.json', opts), rows);
    assert.deepEqual(parseImportFile(JSON.stringify({ rows }), 'x.json', opts), rows);
  });

  it('a bad row refuses the whole file naming its row; malformed JSON is a format error, never a crash', () => {
    const bad = (text: string, file: string) => {
      try {
        parseImportFile(text, file, opts);
      } catch (e) {
        assert.ok(e instanceof DomainError);
        return e.reason;
      }
      assert.fail('expected a refusal');
    };
    assert.equal(bad('name,count\na,1\nb,many\n', 'x.csv'), 'IMPORT_ROW_INVALID');
    assert.equal(bad('{not json', 'x.json'), 'IMPORT_FORMAT');
    assert.equal(bad('{"other":[]}', 'x.json'), 'IMPORT_FORMAT');
  });
});
