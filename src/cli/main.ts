import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRegistrarFile } from '../modules/registrar/registrar.import.ts';
import { parseServerFile } from '../modules/resources/servers.import.ts';
import { createBeian } from '../platform/beian.ts';
import { ConfigError, configMarkdown, loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { DomainError } from '../platform/errors.ts';
import { DEMO_LOGINS, seedDemo } from './seed-demo.ts';

const HELP = `beian — ICP filing platform

Usage: beian <command> [options]

  start                 migrate, seed the demo provider once (demo mode), run the API + console (and the bureau simulator)
  serve                 run the API and console (no seeding)
  migrate               apply database migrations
  seed-demo             seed the demo provider (idempotent)
  user create --email E --password P --role customer|reviewer|photo_agent|admin
  servers import FILE   import servers from CSV or JSON (idempotent by externalId)
  registrar import FILE import registrar facts of domains from CSV or JSON (idempotent by domain)
  check FILE.json [--json]   check a filing draft with the rules engine (exit 1 on blocking violations)
  config [--markdown]   print the configuration reference
  bureau-sim            run the simulated bureau (MIIT interface, portal, test controls) on BEIAN_BUREAU_SIM_PORT
  access export-nginx --out FILE [--reload] [--incremental]   write the nginx map of served domains (atomic)
`;

const SYSTEM = { id: null, role: 'system' as const };

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'start':
      case 'serve':
        return await serve(cmd === 'start');
      case 'migrate': {
        const config = loadConfig();
        const database = openDatabase(config.databaseUrl);
        const applied = await migrateToLatest(database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        await database.close();
        return 0;
      }
      case 'seed-demo': {
        const beian = await createBeian(loadConfig(), { logger: false });
        const r = await seedDemo(beian);
        console.log(r.seeded ? 'demo provider seeded' : 'demo provider already seeded');
        await beian.close();
        return 0;
      }
      case 'user': {
        if (rest[0] !== 'create') break;
        const { values } = parseArgs({
          args: rest.slice(1),
          options: {
            email: { type: 'string' },
            password: { type: 'string' },
            role: { type: 'string', default: 'customer' },
            name: { type: 'string' },
          },
        });
        if (!values.email || !values.password) throw new Error('--email and --password are required');
        const role = values.role as 'customer' | 'reviewer' | 'photo_agent' | 'admin';
        if (!['customer', 'reviewer', 'photo_agent', 'admin'].includes(role))
          throw new Error('--role must be customer, reviewer, photo_agent or admin');
        const beian = await createBeian(loadConfig(), { logger: false });
        const u = await beian.accounts.createUser(
          { email: values.email, password: values.password, role, displayName: values.name },
          SYSTEM,
        );
        console.log(`created ${u.role} ${u.email} (account ${u.accountNo})`);
        await beian.close();
        return 0;
      }
      case 'servers': {
        if (rest[0] !== 'import' || !rest[1]) break;
        const inputs = parseServerFile(readFileSync(rest[1], 'utf8'), rest[1]);
        const beian = await createBeian(loadConfig(), { logger: false });
        const out = await beian.servers.importMany(inputs, SYSTEM);
        console.log(
          `imported ${out.length} server(s): ${out.filter((o) => o.created).length} new, ${out.filter((o) => !o.created).length} updated`,
        );
        await beian.close();
        return 0;
      }
      case 'registrar': {
        if (rest[0] !== 'import' || !rest[1]) break;
        const inputs = parseRegistrarFile(readFileSync(rest[1], 'utf8'), rest[1]);
        const beian = await createBeian(loadConfig(), { logger: false });
        const out = await beian.registrar.importMany(inputs, SYSTEM);
        console.log(`imported ${out.imported} domain(s): ${out.created} new, ${out.updated} updated`);
        await beian.close();
        return 0;
      }
      case 'check': {
        const { runCheckCli } = await import('../modules/rules/check.cli.ts');
        return await runCheckCli(rest, (s) => process.stdout.write(`${s}\n`));
      }
      case 'access': {
        const { runAccessCli } = await import('../modules/access/access.cli.ts');
        return await runAccessCli(rest, (s) => process.stdout.write(`${s}\n`));
      }
      case 'bureau-sim': {
        const { runBureauSimulator } = await import('../modules/bureau/simulator/main.ts');
        return await runBureauSimulator(loadConfig());
      }
      case 'config':
        console.log(rest.includes('--markdown') ? configMarkdown() : JSON.stringify(loadConfig(), null, 2));
        return 0;
      case undefined:
      case 'help':
      case '--help':
        console.log(HELP);
        return 0;
    }
    console.error(`unknown command: ${argv.join(' ')}\n\n${HELP}`);
    return 2;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    if (err instanceof DomainError) {
      console.error(
        `${err.code}${err.reason ? ` (${err.reason})` : ''}: ${err.localized?.zh ?? err.message}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`,
      );
      return 1;
    }
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}

async function serve(withDemo: boolean): Promise<number> {
  const config = loadConfig();
  const beian = await createBeian(config);
  if (withDemo && config.BEIAN_MODE === 'demo') await seedDemo(beian);
  await beian.start();
  const url = config.publicUrl;
  console.log(`\nBeian is running: ${url}`);
  console.log(`  API docs:        ${url}/api/docs`);
  console.log(`  access check:    http://${config.BEIAN_ACCESS_HOST}:${config.BEIAN_ACCESS_PORT}/access/check`);
  console.log(
    `  database:        ${beian.database.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'PostgreSQL'}`,
  );
  const sim = beian.bureau.simulator();
  console.log(
    sim
      ? `  bureau:          simulator at ${sim.url} (its controls: /sim/control/…, token in ${config.dataDir}/bureau-sim.token)`
      : `  bureau:          ${config.BEIAN_BUREAU_URL}`,
  );
  if (config.BEIAN_MODE === 'demo') {
    console.log('\nDemo logins (demo mode only):');
    for (const u of DEMO_LOGINS) console.log(`  ${u.role.padEnd(12)} ${u.email.padEnd(22)} ${u.password}`);
  }
  const stop = async () => {
    await beian.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return await new Promise<number>(() => {});
}
