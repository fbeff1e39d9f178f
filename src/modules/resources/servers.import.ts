import { Value } from 'typebox/value';
import { DomainError } from '../../platform/errors.ts';
import { ServerInput, type ServerInputT } from './servers.schema.ts';

/**
 * Parses a server inventory file: JSON (an array, or `{ "servers": [...] }`) or CSV with a header row naming the
 * ServerInput fields. Every row is validated; the first bad row refuses the whole file with its row number.
 */
export function parseServerFile(text: string, fileName: string): ServerInputT[] {
  const rows: unknown[] = fileName.toLowerCase().endsWith('.csv') ? parseCsv(text) : parseJson(text);
  return rows.map((row, i) => {
    if (!Value.Check(ServerInput, row)) {
      const first = [...Value.Errors(ServerInput, row)][0];
      throw new DomainError('VALIDATION_FAILED', {
        reason: 'IMPORT_ROW_INVALID',
        message: {
          zh: `第 ${i + 1} 行无效：${first?.instancePath ?? ''} ${first?.message ?? ''}`,
          en: `Row ${i + 1} is invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`,
        },
        details: { row: i + 1 },
      });
    }
    return row;
  });
}

function parseJson(text: string): unknown[] {
  const data = JSON.parse(text) as unknown;
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && Array.isArray((data as { servers?: unknown }).servers))
    return (data as { servers: unknown[] }).servers;
  throw new DomainError('VALIDATION_FAILED', {
    reason: 'IMPORT_FORMAT',
    message: { zh: 'JSON 需为数组或 {servers:[...]}', en: 'JSON must be an array or {servers:[...]}' },
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

function parseCsv(text: string): unknown[] {
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
      if (v === '') return;
      if (h === 'prepaidMonths') row[h] = /^\d+$/.test(v) ? Number(v) : v;
      else if (h === 'isLoadBalancer')
        row[h] = v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
      else row[h] = v;
    });
    return row;
  });
}
