import { domainToUnicode } from 'node:url';
import type { Lang, LocalizedText } from '../../platform/i18n.ts';
import type { GatewayReason } from './decide.ts';

/**
 * The page a blocked visitor sees (R-ACS-014): what happened, for which domain, why (the reason category), and what
 * the site owner does about it, with a link to the provider's filing console. zh-CN first, English by
 * Accept-Language.
 */

export interface BlockPageOptions {
  /** The provider's filing console (the block page links to it). */
  consoleUrl: string;
  /** The provider's name as visitors know it, e.g. "示例云". */
  providerName?: string;
  /** Customer-service hotline shown on the page. */
  hotline?: string;
}

interface ReasonText {
  title: LocalizedText;
  why: LocalizedText;
  todo: LocalizedText;
  /** What the console link starts: the verify step detects the type, this only labels the button. */
  action: LocalizedText;
}

const FILE: LocalizedText = { zh: '办理网站备案', en: 'File the website' };
const ACCESS: LocalizedText = { zh: '办理接入备案', en: 'Request access filing' };

const TEXT: Record<'NOT_FILED' | 'FILING_IN_PROGRESS' | 'NOT_ACCESSED_HERE' | 'CANCELLED', ReasonText> & {
  FILING_CANCELLED: ReasonText;
  ACCESS_CANCELLED: ReasonText;
} = {
  NOT_FILED: {
    title: { zh: '网站暂时无法访问：该域名未备案', en: 'This website is unavailable: the domain is not filed' },
    why: {
      zh: '该域名没有 ICP 备案号。按照工信部规定，使用中国大陆服务器提供网站服务的域名必须先完成 ICP 备案，才能正常访问。',
      en: 'The domain has no ICP filing number. Domains served from servers in mainland China must complete ICP filing (ICP备案) before they can be visited.',
    },
    todo: {
      zh: '如果您是网站所有者，请登录备案控制台办理备案（首次备案或新增网站）。备案成功并同步后，网站将在 10～30 分钟内恢复访问。',
      en: 'If you own this website, sign in to the filing console and file it (first filing or add website). After approval is synced the site becomes reachable within 10–30 minutes.',
    },
    action: FILE,
  },
  FILING_IN_PROGRESS: {
    title: { zh: '网站暂时无法访问：备案正在办理中', en: 'This website is unavailable: its filing is in progress' },
    why: {
      zh: '该域名的备案正在审核中。首次备案和新增网站在取得备案号之前不允许访问，也不能提前解除拦截。',
      en: 'The filing for this domain is under review. A first filing or a new website may not be served before its filing number is issued, and the block cannot be lifted earlier.',
    },
    todo: {
      zh: '如果您是网站所有者，请在备案控制台查看进度并按要求处理审核意见。管局审核通过并同步后，网站将在 10～30 分钟内恢复访问。',
      en: 'If you own this website, follow the progress in the filing console and answer any review comments. After the bureau approves and the result is synced, the site becomes reachable within 10–30 minutes.',
    },
    action: { zh: '查看备案进度', en: 'See filing progress' },
  },
  NOT_ACCESSED_HERE: {
    title: {
      zh: '网站暂时无法访问：未在本服务商办理接入备案',
      en: 'This website is unavailable: its filing is not accessed at this provider',
    },
    why: {
      zh: '该域名已有备案号，但备案接入在其他服务商。使用本服务商的中国大陆服务器，需要先在本服务商办理接入备案。',
      en: 'The domain has a filing number, but its filing is accessed at another provider. To be served from this provider’s mainland servers it needs an access filing (接入备案) here.',
    },
    todo: {
      zh: '如果您是网站所有者，请登录备案控制台为该域名办理接入备案。接入备案初审通过后，网站即可访问。',
      en: 'If you own this website, sign in to the filing console and request access filing for this domain. The site becomes reachable once initial review passes.',
    },
    action: ACCESS,
  },
  CANCELLED: {
    title: {
      zh: '网站暂时无法访问：备案已注销或已取消接入',
      en: 'This website is unavailable: its filing was cancelled or its access here ended',
    },
    why: {
      zh: '该网站的备案号已注销，或网站已取消在本服务商的接入。',
      en: 'The website’s filing number has been cancelled, or its access at this provider has been cancelled.',
    },
    todo: {
      zh: '如果您是网站所有者，请登录备案控制台重新办理备案或接入备案。',
      en: 'If you own this website, sign in to the filing console and file it again or request access filing again.',
    },
    action: FILE,
  },
  FILING_CANCELLED: {
    title: {
      zh: '网站暂时无法访问：备案号已被注销',
      en: 'This website is unavailable: its filing number was cancelled',
    },
    why: {
      zh: '该网站的备案号已被注销。备案号一经注销便不可恢复，网站无法继续访问。',
      en: 'The website’s filing number has been cancelled. A cancelled filing number cannot be restored.',
    },
    todo: {
      zh: '如果您是网站所有者，请登录备案控制台重新办理备案，取得新的备案号后网站即可恢复访问。',
      en: 'If you own this website, sign in to the filing console and file it again; the site is served again once a new filing number is issued.',
    },
    action: FILE,
  },
  ACCESS_CANCELLED: {
    title: {
      zh: '网站暂时无法访问：已取消在本服务商的接入',
      en: 'This website is unavailable: its access at this provider was cancelled',
    },
    why: {
      zh: '该网站的备案信息已与本服务商取消关联（取消接入），域名指向本服务商的服务器将无法继续访问。',
      en: 'The website’s filing is no longer linked to this provider (access cancelled), so it cannot be served from this provider’s servers.',
    },
    todo: {
      zh: '如果您是网站所有者，请登录备案控制台重新办理接入备案。',
      en: 'If you own this website, sign in to the filing console and request access filing again.',
    },
    action: ACCESS,
  },
};

/** A served reason reaching the block page means the decision changed after the edge asked. */
const NOW_SERVED: ReasonText = {
  title: { zh: '网站现已可以访问', en: 'This website can now be visited' },
  why: { zh: '该域名的访问状态刚刚更新。', en: 'The access status of this domain has just been updated.' },
  todo: { zh: '请稍后刷新页面。', en: 'Please reload the page in a moment.' },
  action: FILE,
};

export function blockText(reason: GatewayReason): ReasonText {
  switch (reason) {
    case 'NOT_FILED':
    case 'FILING_IN_PROGRESS':
    case 'NOT_ACCESSED_HERE':
    case 'CANCELLED':
    case 'FILING_CANCELLED':
    case 'ACCESS_CANCELLED':
      return TEXT[reason];
    default:
      return NOW_SERVED;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The console page that starts the verify step for this domain; the console detects the order type. */
export function filingLink(consoleUrl: string, domain: string | null, reason: GatewayReason): string {
  const base = consoleUrl.replace(/\/+$/, '');
  const q = new URLSearchParams();
  if (domain) q.set('domain', domain);
  q.set('intent', reason === 'NOT_ACCESSED_HERE' || reason === 'ACCESS_CANCELLED' ? 'access' : 'file');
  return `${base}/filings/new?${q.toString()}`;
}

export function renderBlockPage(
  input: { host: string; domain: string | null; reason: GatewayReason; lang: Lang },
  opts: BlockPageOptions,
): string {
  const t = blockText(input.reason);
  const L = input.lang;
  const shown = input.domain ?? input.host;
  const unicode = shown ? domainToUnicode(shown) : '';
  const display = unicode && unicode !== shown ? `${unicode} (${shown})` : shown;
  const link = filingLink(opts.consoleUrl, input.domain, input.reason);
  const labels =
    L === 'zh'
      ? {
          domain: '访问的域名',
          reason: '原因代码',
          owner: '网站所有者：',
          hotline: '客服热线',
          provider: '服务商',
        }
      : { domain: 'Domain', reason: 'Reason code', owner: 'Website owner: ', hotline: 'Hotline', provider: 'Provider' };
  const rows = [
    `<dt>${labels.domain}</dt><dd><code>${escapeHtml(display || '-')}</code></dd>`,
    `<dt>${labels.reason}</dt><dd><code>${escapeHtml(input.reason)}</code></dd>`,
    opts.providerName ? `<dt>${labels.provider}</dt><dd>${escapeHtml(opts.providerName)}</dd>` : '',
    opts.hotline ? `<dt>${labels.hotline}</dt><dd>${escapeHtml(opts.hotline)}</dd>` : '',
  ].join('');
  return `<!doctype html>
<html lang="${L === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title[L])}</title>
<style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f5f6f8;color:#222;margin:0}
main{max-width:640px;margin:8vh auto;background:#fff;border-radius:8px;padding:32px 40px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 16px}dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:20px 0}
dt{color:#666}dd{margin:0}code{background:#f0f1f3;padding:1px 6px;border-radius:4px}
a.btn{display:inline-block;background:#0052d9;color:#fff;padding:8px 20px;border-radius:4px;text-decoration:none}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title[L])}</h1>
<p>${escapeHtml(t.why[L])}</p>
<dl>${rows}</dl>
<p><strong>${labels.owner}</strong>${escapeHtml(t.todo[L])}</p>
<p><a class="btn" href="${escapeHtml(link)}">${escapeHtml(t.action[L])}</a></p>
</main>
</body>
</html>
`;
}
