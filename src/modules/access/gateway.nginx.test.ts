import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { personDraft } from '../../../test/support/drafts.ts';
import { DomainError } from '../../platform/errors.ts';
import { accessVersion, applyAccessChanges } from './access.repository.ts';
import { defaultNginxBin, exportedVersion, exportNginxMap } from './nginx-map.ts';
import { blockDomains } from './provider-blocks.ts';
import {
  type AccessTestApp,
  accessTestApp,
  addServer,
  BUREAU_ACTOR,
  domainsDraft,
  insertOrder,
  SYSTEM_ACTOR,
  seedFiledSubject,
} from './testing.ts';

/**
 * The access gateway behind REAL nginx (the `.nginx.test.ts` tier of `npm test`): an `auth_request` server and a
 * `map` server in front of a node:http upstream, driven by orders moving through OrdersService.transition().
 */

const NGINX = process.env.BEIAN_NGINX ?? defaultNginxBin();
const TOKEN = 'edge-token-nginx-test';
const MAINLAND = '127.0.0.1';
/** A second loopback address standing in for a Hong Kong server (R-ACS-003). */
const HONGKONG = '127.0.0.2';
const run = promisify(execFile);

function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function get(addr: string, port: number, host: string | null, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: addr,
        port,
        path: '/index.html',
        method: 'GET',
        headers: { ...(host === null ? {} : { host }), ...headers },
        setHost: false,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function waitForPort(addr: string, port: number, proc: ChildProcess, log: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`nginx exited ${proc.exitCode}: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, addr, () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${addr}:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** nginx as a non-daemon child with everything (pid, logs, temp paths) under `dir`. */
function nginxConf(dir: string, http: string): string {
  for (const d of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'tmp', d), { recursive: true });
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/client;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
${http}
}
`;
}

async function startNginx(dir: string, conf: string, ports: [string, number][]) {
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  const proc = spawn(NGINX, ['-p', dir, '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += d;
  });
  try {
    for (const [addr, port] of ports) await waitForPort(addr, port, proc, join(dir, 'error.log'));
  } catch (err) {
    proc.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    file,
    args: ['-p', dir, '-c', file],
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGQUIT');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

describe('access gateway behind real nginx', () => {
  let t: AccessTestApp;
  let upstream: http.Server;
  let upstreamPort: number;
  let gwPort: number;
  let dir: string;
  let authNginx: Awaited<ReturnType<typeof startNginx>>;
  let p80: number;
  let p8080: number;
  let customer: { id: string; role: 'customer' };
  let reviewer: { id: string; role: 'reviewer' };

  const via = (host: string | null, headers: Record<string, string> = {}, port = p80, addr = MAINLAND) =>
    get(addr, port, host, headers);
  const settle = () => t.access.refresh();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beian-nginx-'));
    t = await accessTestApp({ env: { BEIAN_ACCESS_TOKEN: TOKEN } });
    const u = await t.accounts.createUser({ email: 'zhang@example.com', password: 'zhang-password', role: 'customer' });
    const r = await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass', role: 'reviewer' });
    customer = { id: u.id, role: 'customer' };
    reviewer = { id: r.id, role: 'reviewer' };
    await addServer(t, u.accountNo, { externalId: 'gz-1', ip: '203.0.113.10' });
    // the Hong Kong server of the inventory is where the second loopback address "is"
    await addServer(t, u.accountNo, { externalId: 'hk-1', ip: HONGKONG, regionKind: 'hongkong' });
    gwPort = (await t.access.start()).port;

    upstream = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`upstream served ${req.headers.host}`);
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    upstreamPort = (upstream.address() as net.AddressInfo).port;

    p80 = await freePort();
    p8080 = await freePort();
    const conf = nginxConf(
      dir,
      `  upstream beian_access { server 127.0.0.1:${gwPort}; keepalive 8; }
  server {
    listen ${MAINLAND}:${p80};
    listen ${MAINLAND}:${p8080};
    listen ${HONGKONG}:${p80};
    location / {
      auth_request /_beian_check;
      error_page 403 = @beian_blocked;
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_set_header Host $host;
    }
    location = /_beian_check {
      internal;
      proxy_pass http://beian_access/access/check;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-Host $host;
      proxy_set_header X-Original-Server-Addr $server_addr;
      proxy_set_header X-Beian-Token "${TOKEN}";
    }
    location @beian_blocked {
      proxy_method GET;
      proxy_pass http://beian_access/access/block-page?host=$host;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-Server-Addr $server_addr;
      proxy_set_header X-Beian-Token "${TOKEN}";
    }
  }`,
    );
    authNginx = await startNginx(join(dir), conf, [
      [MAINLAND, p80],
      [MAINLAND, p8080],
      [HONGKONG, p80],
    ]);
  });

  after(async () => {
    await authNginx?.stop();
    await new Promise((r) => upstream?.close(r));
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('FAQ-055 FAQ-060 R-ACS-002 R-ACS-014: an unfiled domain gets the Chinese block page (403) on every port', async () => {
    for (const [host, port] of [
      ['example-nofile.cn', p80],
      ['example-nofile.cn:8080', p8080],
      ['www.example-nofile.cn', p8080],
    ] as const) {
      const r = await via(host, {}, port);
      assert.equal(r.status, 403, `${host} on ${port}`);
      assert.match(r.body, /网站暂时无法访问：该域名未备案/);
      assert.match(r.body, /example-nofile\.cn/);
      assert.equal(r.headers['x-beian-reason'], 'NOT_FILED');
      assert.doesNotMatch(r.body, /upstream served/);
    }
    const en = await via('example-nofile.cn', { 'accept-language': 'en-GB,en;q=0.9' });
    assert.equal(en.status, 403);
    assert.match(en.body, /the domain is not filed/);
  });

  it('FAQ-001 FAQ-005 R-ACS-003 R-ACS-004 R-ACS-013: the same unfiled domain is served by the Hong Kong server; IP-literal access is served', async () => {
    const hk = await via('example-nofile.cn', {}, p80, HONGKONG);
    assert.equal(hk.status, 200, hk.body);
    assert.equal(hk.body, 'upstream served example-nofile.cn');
    const ip = await via(MAINLAND);
    assert.equal(ip.status, 200);
  });

  it('R-ACS-008 FAQ-002 R-ACS-005: a FIRST order stays blocked through review and PENDING_BUREAU, then www. and mail. follow the filed domain, also under .com.cn', async () => {
    const domains = ['example-shop.cn', 'example-shop.com.cn'];
    const o = await t.orders.create(customer, {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: '440524188001010014',
        name: '张三',
      },
      province: '广东',
      domains,
    });
    assert.equal(o.type, 'FIRST');
    const draft = personDraft('example-shop.cn');
    draft.websites[0].domains = domains;
    draft.websites[0].accessIps = ['203.0.113.10'];
    const saved = await t.orders.saveDraft(customer, o.id, o.version, draft as never);
    const submitted = await t.orders.submit(customer, o.id, saved.version);
    assert.equal(submitted.state, 'PENDING_INITIAL_REVIEW');
    const passed = await t.orders.transition(o.id, { type: 'INITIAL_APPROVE' }, reviewer, {
      expectedVersion: submitted.version,
    });
    assert.equal(passed.state, 'PHOTO_PENDING');
    await settle();
    const inReview = await via('www.example-shop.cn');
    assert.equal(inReview.status, 403);
    assert.match(inReview.body, /备案正在办理中/);

    await t.orders.transition(o.id, { type: 'SUBMIT_PHOTOS' }, customer, { extra: { curtainPhotosComplete: true } });
    const atBureau = await t.orders.transition(o.id, { type: 'RE_REVIEW_APPROVE' }, reviewer);
    assert.equal(atBureau.state, 'PENDING_BUREAU');
    await settle();
    assert.equal((await via('example-shop.cn')).status, 403, 'PENDING_BUREAU is still blocked (R-ACS-008)');

    const approved = await t.orders.transition(o.id, { type: 'BUREAU_APPROVE' }, BUREAU_ACTOR);
    assert.equal(approved.state, 'APPROVED');
    await settle();
    for (const host of [
      'example-shop.cn',
      'www.example-shop.cn',
      'mail.example-shop.cn',
      'WWW.Example-Shop.CN',
      'example-shop.com.cn',
      'www.example-shop.com.cn',
      'mail.example-shop.com.cn',
    ]) {
      const r = await via(host);
      assert.equal(r.status, 200, `${host}: ${r.body.slice(0, 80)}`);
      assert.match(r.body, /^upstream served /);
    }
    assert.equal((await via('example-shop.cn:8080', {}, p8080)).status, 200);
    assert.equal((await via('www.other-shop.com.cn')).status, 403, 'com.cn itself is not filed');
  });

  it('FAQ-007 FAQ-282 R-ACS-006 R-ACS-007: a domain filed at P2 is blocked NOT_ACCESSED_HERE until its ACCESS order passes initial review', async () => {
    const u = await t.accounts.createUser({
      email: 'travel@example.com',
      password: 'travel-password',
      role: 'customer',
    });
    const travel = { id: u.id, role: 'customer' as const };
    await addServer(t, u.accountNo, { externalId: 'gz-2', ip: '203.0.113.11' });
    await seedFiledSubject(t, {
      accountId: u.id,
      name: '王五',
      certificateType: 'RESIDENT_ID',
      certificateNumber: '11010519491231002X',
      filingNumber: '浙ICP备18000002号',
      websites: [{ domains: ['example-travel.cn'], accessedHere: false }],
    });
    await blockDomains(
      t.database.db,
      { domains: ['example-travel.cn'], reason: 'NOT_ACCESSED_HERE', keepServed: true },
      SYSTEM_ACTOR,
      t.clock.now().getTime(),
    );
    await settle();
    const before = await via('www.example-travel.cn');
    assert.equal(before.status, 403);
    assert.match(before.body, /未在本服务商办理接入备案/);
    assert.match(before.body, /intent=access/);

    const o = await t.orders.create(travel, {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: '11010519491231002X',
        name: '王五',
      },
      province: '广东',
      domains: ['example-travel.cn'],
    });
    assert.equal(o.type, 'ACCESS', 'the verify step detects ACCESS from the registry');
    const sub = await t.orders.transition(o.id, { type: 'SUBMIT' }, travel, { extra: { openBlockingViolations: 0 } });
    await settle();
    assert.equal((await via('example-travel.cn')).status, 403, 'still blocked before the initial-review pass');
    await t.orders.transition(o.id, { type: 'INITIAL_APPROVE' }, reviewer, { expectedVersion: sub.version });
    await settle();
    const served = await via('www.example-travel.cn');
    assert.equal(served.status, 200, served.body);
    assert.equal(served.body, 'upstream served www.example-travel.cn');
  });

  it('FAQ-231 R-ACS-010: a cancelled filing flips to blocked (CANCEL_WEBSITE approved); the other website stays served', async () => {
    const id = await insertOrder(t, {
      accountId: customer.id,
      type: 'CANCEL_WEBSITE',
      state: 'PENDING_BUREAU',
      draft: domainsDraft('CANCEL_WEBSITE', [['example-shop.cn']]),
    });
    await settle();
    assert.equal((await via('www.example-shop.cn')).status, 200, 'allowed until the cancellation is approved');
    await t.orders.transition(id, { type: 'BUREAU_APPROVE' }, BUREAU_ACTOR);
    await settle();
    const r = await via('www.example-shop.cn');
    assert.equal(r.status, 403);
    assert.match(r.body, /备案已注销或已取消接入/);
    assert.equal((await via('www.example-shop.com.cn')).status, 200);
  });

  it('nginx map variant: the exported map decides locally; export --reload makes a change live; a failing nginx -t restores the old file', async () => {
    const mapDir = join(dir, 'map');
    mkdirSync(mapDir, { recursive: true });
    const mapFile = join(mapDir, 'beian-access.map');
    await exportNginxMap(t.database, { out: mapFile });
    const port = await freePort();
    const conf = nginxConf(
      mapDir,
      `  map_hash_max_size 65536;
  map_hash_bucket_size 128;
  include ${mapFile};
  upstream beian_access { server 127.0.0.1:${gwPort}; }
  server {
    listen ${MAINLAND}:${port};
    error_page 403 = @beian_blocked;
    location / {
      if ($beian_access_blocked) { return 403; }
      add_header X-Beian-Reason $beian_access_reason always;
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_set_header Host $host;
    }
    location @beian_blocked {
      proxy_method GET;
      proxy_pass http://beian_access/access/block-page?host=$host;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Beian-Token "${TOKEN}";
    }
  }`,
    );
    const mapNginx = await startNginx(mapDir, conf, [[MAINLAND, port]]);
    try {
      const m = (host: string | null) => get(MAINLAND, port, host);
      assert.equal((await m('www.example-travel.cn')).status, 200, 'temporary access is in the map');
      assert.equal((await m('mail.example-shop.com.cn')).status, 200);
      assert.equal((await m('www.example-shop.cn')).status, 403, 'cancelled above');
      const blocked = await m('example-nofile.cn');
      assert.equal(blocked.status, 403);
      assert.match(blocked.body, /该域名未备案/);
      assert.equal((await m(MAINLAND)).status, 200, 'IP literal');

      // a new approval reaches nginx through export --reload
      await applyAccessChanges(
        t.database.db,
        [{ domain: 'example-nofile.cn', decision: 'allow', reason: 'FILED' }],
        t.clock.now().getTime(),
      );
      const r = await exportNginxMap(t.database, {
        out: mapFile,
        incremental: true,
        reload: true,
        nginxBin: NGINX,
        nginxArgs: mapNginx.args,
      });
      assert.equal(r.reloaded, true);
      assert.ok(r.deltaPath);
      const deadline = Date.now() + 10_000;
      let status = 403;
      while (status !== 200 && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100));
        status = (await m('www.example-nofile.cn')).status;
      }
      assert.equal(status, 200, 'served after the reload');

      // nginx -t fails (a broken config): the previous map is put back and the export is refused
      const broken = join(mapDir, 'broken.conf');
      writeFileSync(broken, readFileSync(mapNginx.file, 'utf8').replace('events {', 'events { bogus_directive;'));
      const versionBefore = await exportedVersion(mapFile);
      await applyAccessChanges(
        t.database.db,
        [{ domain: 'late-domain.cn', decision: 'allow', reason: 'FILED' }],
        t.clock.now().getTime(),
      );
      await assert.rejects(
        exportNginxMap(t.database, {
          out: mapFile,
          reload: true,
          nginxBin: NGINX,
          nginxArgs: ['-p', mapDir, '-c', broken],
        }),
        (err: unknown) => err instanceof DomainError && err.reason === 'NGINX_CONFIG_TEST_FAILED',
      );
      assert.equal(await exportedVersion(mapFile), versionBefore);
      assert.doesNotMatch(readFileSync(mapFile, 'utf8'), /late-domain/);
      assert.ok(versionBefore !== null && versionBefore < (await accessVersion(t.database.db)));
    } finally {
      await mapNginx.stop();
    }
  });

  it('`beian access export-nginx --out FILE` works from the command line (nginx -t accepts the file)', async () => {
    const cliDir = join(dir, 'cli');
    mkdirSync(cliDir, { recursive: true });
    const out = join(cliDir, 'beian-access.map');
    const env = { ...process.env, BEIAN_DATA_DIR: cliDir, BEIAN_MODE: 'demo', DATABASE_URL: '' };
    const bin = join(import.meta.dirname, '../../../bin/beian.mjs');
    const first = await run(process.execPath, [bin, 'access', 'export-nginx', '--out', out, '--incremental'], { env });
    assert.match(first.stdout, /wrote .*beian-access\.map: 0 served domain\(s\), version 0/);
    const second = await run(process.execPath, [bin, 'access', 'export-nginx', '--out', out, '--incremental'], { env });
    assert.match(second.stdout, /is current \(version 0\); nothing written/);
    const conf = join(cliDir, 'nginx.conf');
    writeFileSync(conf, nginxConf(cliDir, `  include ${out};\n  server { listen 127.0.0.1:${await freePort()}; }`));
    await run(NGINX, ['-t', '-p', cliDir, '-c', conf]);
  });
});
