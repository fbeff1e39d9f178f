import { csvBoolean, parseImportFile } from '../../platform/import-file.ts';
import { ServerInput, type ServerInputT } from './servers.schema.ts';

/**
 * Parses a server inventory file: JSON (an array, or `{ "servers": [...] }`) or CSV with a header row naming the
 * ServerInput fields. Every row is validated; the first bad row refuses the whole file with its row number.
 */
export function parseServerFile(text: string, fileName: string): ServerInputT[] {
  return parseImportFile<ServerInputT>(text, fileName, {
    schema: ServerInput,
    listKey: 'servers',
    cell: (h, v) =>
      h === 'prepaidMonths' ? (/^\d+$/.test(v) ? Number(v) : v) : h === 'isLoadBalancer' ? csvBoolean(v) : v,
  });
}
