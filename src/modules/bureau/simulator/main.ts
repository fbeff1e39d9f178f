import type { Config } from '../../../platform/config.ts';
import { DEMO_PROVIDER, P2_PROVIDER, startBureauSimulator } from './http.ts';

/**
 * `beian bureau-sim`: the simulated bureau as its own service, on BEIAN_BUREAU_SIM_PORT with its own database
 * (BEIAN_DATA_DIR/bureau-sim.sqlite) and its own clock. The control token is printed and written to
 * BEIAN_DATA_DIR/bureau-sim.token. Runs until SIGINT/SIGTERM.
 */
export async function runBureauSimulator(config: Config): Promise<number> {
  const sim = await startBureauSimulator({
    host: config.HOST,
    port: config.BEIAN_BUREAU_SIM_PORT,
    dataDir: config.dataDir,
    logger: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL,
  });
  console.log(`\nSimulated bureau (管局) is running: ${sim.url}`);
  console.log(
    `  MIIT interface:  ${sim.url}/ISPWebService/upDownLoad, /BeianStatusWebService/{queryBeianStatus,verifyBamm}`,
  );
  console.log(`  portal:          ${sim.url}/portal/query?domain=…`);
  console.log(`  controls:        ${sim.url}/sim/control/… (header x-sim-token: ${sim.token})`);
  console.log(`  database:        ${config.dataDir}/bureau-sim.sqlite`);
  console.log('\nProvider accounts (ispId / userName / password):');
  for (const p of [DEMO_PROVIDER, P2_PROVIDER])
    console.log(`  ${p.ispId}  ${p.userName.padEnd(12)} ${p.password}  ${p.name}`);
  const stop = async () => {
    await sim.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return await new Promise<number>(() => {});
}
