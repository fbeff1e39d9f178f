import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from './errors.ts';

/**
 * Parses an import file of the CLI and admin imports (server inventory, registrar data): JSON (an array, or an
 * object holding the array under `listKey`) or CSV with a header row naming the schema's fields. `cell` turns a CSV
 * text cell into its typed value (numbers, booleans); an empty cell is "not stated". Every row is validated against
 * `schema`; the first bad row refuses the whole file with its row number, so nothing is half-imported.
 */
export function parseImportFile<T>(
  text: string,
  fileName: string,
  opts: { schema: TSchema; listKey: string; cell?: (header: string, value: string) => unknown },
): T[] {
  const rows = fileName.toLowerCase().endsWith('.csv') ? parseCsv(text, opts.cell) : parseJson(text, opts.listKey);
  return rows.map((row, i) => {
    if (!Value.Check(opts.schema, row)) {
      const first = [...Value.Errors(opts.schema, row)][0];
      throw new DomainError('VALIDATION_FAILED', {
        reason: 'IMPORT_ROW_INVALID',
        message: {
          zh: `第 ${i + 1} 行无效：${first?.instancePath ?? ''} ${first?.message ?? ''}`,
          en: `Row ${i + 1} is invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`,
        },
        details: { row: i + 1 },
      });
    }
    return row as T;
  });
}

/** A CSV boolean cell; any other text is kept as text so that validation names the row. */
export function csvBoolean(v: string): boolean | string {
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
}

function parseJson(text: string, listKey: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (Array.isArray(data)) return data;
  const list = data && typeof data === 'object' ? (data as Record<string, unknown>)[listKey] : undefined;
  if (Array.isArray(list)) return list;
  throw new DomainError('VALIDATION_FAILED', {
    reason: 'IMPORT_FORMAT',
    message: {
      zh: `JSON 需为数组或 {${listKey}:[...]}`,
      en: `JSON must be an array or {${listKey}:[...]}`,
    },
  });
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function parseCsv(text: string, cell: (header: string, value: string) => unknown = (_h, v) => v): unknown[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    const row: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const v = cells[i] ?? '';
      if (v !== '') row[h] = cell(h, v);
    });
    return row;
  });
}
