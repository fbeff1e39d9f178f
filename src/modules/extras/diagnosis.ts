import type { LocalizedText } from '../../platform/i18n.ts';
import { blockText } from '../access/block-page.ts';
import type { GatewayReason } from '../access/decide.ts';

/**
 * The per-domain access diagnosis (R-ACS-016). Pure: the use case gathers the projection row, the registry and the
 * resolution results; this decides what the customer is told. The hints are informational: most causes of an
 * unreachable site that the FAQ names are outside the provider's view (registry hold, real-name status, caches,
 * the server's own firewall), so each is listed with whether what we observed makes it likely.
 */

export type ResolutionStatus = 'MATCH' | 'MISMATCH' | 'UNRESOLVED';

export interface HostResolution {
  host: string;
  status: ResolutionStatus;
  ips: string[];
  /** The provider mainland server the host resolves to, when it does. */
  server: { name: string; region: string; ip: string; ownedByAccount: boolean } | null;
  /** Why nothing came back (ENOTFOUND, ENODATA, ETIMEOUT, …) when UNRESOLVED. */
  error: string | null;
}

export interface DiagnosisFacts {
  domain: string;
  /** The projection row of the registrable domain; null when the domain has none (not filed here: blocked). */
  access: { decision: string; reason: string; updatedAt: number } | null;
  resolutions: HostResolution[];
  now: number;
}

export type HintCode =
  | 'PROPAGATION_WAIT'
  | 'DNS_NOT_POINTING_HERE'
  | 'REGISTRY_HOLD'
  | 'REAL_NAME_5_DAYS'
  | 'DNS_CDN_CACHE'
  | 'SERVER_FIREWALL';

export interface Hint {
  code: HintCode;
  /** True when what the diagnosis observed points to this cause; the others are listed for completeness. */
  likely: boolean;
  text: LocalizedText;
}

export interface GatewayVerdict {
  allowed: boolean;
  decision: 'allow' | 'temp_allow' | 'block';
  /** The R-ACS-014 category (or the served reason) of the projection. */
  reason: GatewayReason;
  explanation: LocalizedText;
}

/** R-ACS-012: a decision changed within this window may not have reached every edge yet. */
export const PROPAGATION_MS = 30 * 60_000;

export function gatewayVerdict(access: DiagnosisFacts['access']): GatewayVerdict {
  if (!access) {
    const t = blockText('NOT_FILED');
    return { allowed: false, decision: 'block', reason: 'NOT_FILED', explanation: t.why };
  }
  const decision = access.decision === 'allow' || access.decision === 'temp_allow' ? access.decision : 'block';
  const reason = access.reason as GatewayReason;
  if (decision === 'block') return { allowed: false, decision, reason, explanation: blockText(reason).why };
  return {
    allowed: true,
    decision,
    reason,
    explanation:
      decision === 'temp_allow'
        ? {
            zh: '接入备案初审已通过，域名可以解析访问',
            en: 'The access filing passed initial review; the domain may be served',
          }
        : {
            zh: '域名已在本服务商备案并接入，网关允许访问',
            en: 'The domain is filed and accessed here; the gateway serves it',
          },
  };
}

export function diagnosisHints(facts: DiagnosisFacts): Hint[] {
  const verdict = gatewayVerdict(facts.access);
  const unresolved = facts.resolutions.some((r) => r.status === 'UNRESOLVED');
  const mismatch = facts.resolutions.some((r) => r.status === 'MISMATCH');
  const allMatch = facts.resolutions.length > 0 && facts.resolutions.every((r) => r.status === 'MATCH');
  const comNet = /\.(com|net)$/i.test(facts.domain);
  const recent = facts.access !== null && facts.now - facts.access.updatedAt < PROPAGATION_MS;
  const hints: Hint[] = [];
  if (verdict.allowed && recent)
    hints.push({
      code: 'PROPAGATION_WAIT',
      likely: true,
      text: {
        zh: '访问状态刚刚更新，同步到接入网关需要一定时间，请耐心等待 10 ~ 30 分钟再进行访问',
        en: 'The access status has just changed; it reaches every gateway within 10–30 minutes, so wait a little before trying again',
      },
    });
  hints.push(
    {
      code: 'DNS_NOT_POINTING_HERE',
      likely: mismatch,
      text: {
        zh: '请检查域名解析是否指向您当前的云服务器 IP（更换 IP 后需修改解析）',
        en: 'Check that the DNS records point to the current IP of your server (update them after an IP change)',
      },
    },
    {
      code: 'REGISTRY_HOLD',
      likely: unresolved,
      text: {
        zh: '若 ping 域名 ping 不到对应的服务器 IP，域名可能处于注册局设置的暂停解析状态，请咨询域名注册商',
        en: 'If pinging the domain does not reach the server IP, the registry may have put the domain on hold (暂停解析); ask the registrar',
      },
    },
    {
      code: 'REAL_NAME_5_DAYS',
      likely: unresolved && comNet,
      text: {
        zh: '.com / .net 域名注册成功后 5 天内必须完成实名认证，否则解析不能生效，请先完成域名实名认证',
        en: 'A .com / .net domain must be real-name verified within 5 days of registration, or its resolution stays inactive; complete the real-name verification first',
      },
    },
    {
      code: 'DNS_CDN_CACHE',
      likely: mismatch,
      text: {
        zh: '可能是 DNS 服务器缓存或之前接入的 CDN 缓存导致，请清除缓存或咨询域名注册商（DNS 修改后生效时间最长 48 小时）',
        en: 'A DNS server cache or a CDN used before may still serve old data; clear the caches or ask the registrar (DNS changes take up to 48 hours)',
      },
    },
    {
      code: 'SERVER_FIREWALL',
      likely: verdict.allowed && allMatch,
      text: {
        zh: '若能 ping 通云服务器 IP，可能是服务器上设置了权限（防火墙、安全组）或者程序不规范导致，请联系您的网络管理员调整',
        en: 'If the server IP answers ping, the server’s own permissions (firewall, security group) or the application may be at fault; ask your network administrator',
      },
    },
  );
  return hints;
}
