import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { exportNginxMap } from './nginx-map.ts';

export const ACCESS_CLI_HELP = `beian access export-nginx --out FILE [--reload] [--incremental] [--nginx BIN] [--nginx-conf FILE]
    write the nginx map include of served domains atomically; --incremental skips an unchanged version and
    writes FILE.delta; --reload runs nginx -t and nginx -s reload (restoring the previous file if the test fails)`;

/** `beian access …`: returns the exit code. */
export async function runAccessCli(argv: string[], print: (s: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'export-nginx') {
    print(ACCESS_CLI_HELP);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      reload: { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      nginx: { type: 'string' },
      'nginx-conf': { type: 'string' },
    },
  });
  if (!values.out) {
    print(`--out FILE is required\n\n${ACCESS_CLI_HELP}`);
    return 2;
  }
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
    const r = await exportNginxMap(database, {
      out: values.out,
      reload: values.reload,
      incremental: values.incremental,
      nginxBin: values.nginx,
      nginxArgs: values['nginx-conf'] ? ['-c', values['nginx-conf']] : undefined,
    });
    print(
      r.written
        ? `wrote ${r.path}: ${r.domains} served domain(s), version ${r.version}${r.deltaPath ? `; delta ${r.deltaPath} (${r.deltaLines} change(s) since ${r.previousVersion})` : ''}${r.reloaded ? '; nginx reloaded' : ''}`
        : `${r.path} is current (version ${r.version}); nothing written`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
