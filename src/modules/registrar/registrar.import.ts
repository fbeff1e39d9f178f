import { csvBoolean, parseImportFile } from '../../platform/import-file.ts';
import { RegistrarDomainInput, type RegistrarDomainInputT } from './registrar.schema.ts';

/**
 * Parses a registrar export for `beian registrar import`: JSON (an array, or `{ "domains": [...] }`) or CSV with a
 * header row naming the RegistrarDomainInput fields. An empty CSV cell is "not stated". Every row is validated; the
 * first bad row refuses the whole file with its row number.
 */
export function parseRegistrarFile(text: string, fileName: string): RegistrarDomainInputT[] {
  return parseImportFile<RegistrarDomainInputT>(text, fileName, {
    schema: RegistrarDomainInput,
    listKey: 'domains',
    cell: (h, v) => (BOOLEAN_FIELDS.has(h) ? csvBoolean(v) : v),
  });
}

const BOOLEAN_FIELDS = new Set(['domesticQualified', 'privacyProtection']);
