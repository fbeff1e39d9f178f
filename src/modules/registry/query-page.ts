import type { Lang } from '../../platform/i18n.ts';
import type { PublicQuery, PublicQueryResult } from './query.service.ts';

/**
 * The public query page (R-BUR-012), server-rendered HTML in zh-CN or English: a form with the four query kinds and
 * the results table. No script; every value is escaped.
 */

const T = {
  zh: {
    title: 'ICP备案信息查询',
    intro: '查询网站的ICP备案信息。结果以工信部备案系统为准；已注销的主体或网站无备案记录。',
    by: { domain: '域名', number: '备案号', subject: '主办单位名称', cert: '证件号码' },
    submit: '查询',
    none: '未查询到备案信息',
    unavailable: '管局系统暂不可用，以下为本接入商的备案记录，仅供参考。',
    cols: ['主办单位名称', '主办单位性质', '主体备案号', '网站名称', '网站备案号', '网站域名', '审核通过日期'],
    types: {
      PERSONAL: '个人',
      ENTERPRISE: '企业',
      INDIVIDUAL_BUSINESS: '个体工商户',
      PUBLIC_INSTITUTION: '事业单位',
      OTHER_ORG: '其他单位',
    } as Record<string, string>,
    suffixes: '可备案的域名后缀',
    other: 'English',
    error: '查询条件有误',
  },
  en: {
    title: 'ICP filing lookup',
    intro:
      "Look up a website's ICP filing. The MIIT filing system is authoritative; cancelled subjects and websites have no record.",
    by: { domain: 'Domain', number: 'Filing number', subject: 'Subject name', cert: 'Certificate number' },
    submit: 'Search',
    none: 'No filing found',
    unavailable: "The bureau cannot be reached; these are this provider's records, for reference only.",
    cols: ['Subject', 'Subject type', 'Subject number', 'Website', 'Website number', 'Domains', 'Approved on'],
    types: {
      PERSONAL: 'Individual',
      ENTERPRISE: 'Enterprise',
      INDIVIDUAL_BUSINESS: 'Individual business',
      PUBLIC_INSTITUTION: 'Public institution',
      OTHER_ORG: 'Other organisation',
    } as Record<string, string>,
    suffixes: 'Domain suffixes that can be filed',
    other: '中文',
    error: 'Invalid query',
  },
} as const;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderQueryPage(
  lang: Lang,
  q: PublicQuery,
  outcome: { result?: PublicQueryResult; error?: string; suffixes?: readonly string[] },
): string {
  const t = T[lang];
  const by = (['domain', 'number', 'subject', 'cert'] as const).find((k) => q[k]) ?? 'domain';
  const value = q[by] ?? '';
  const options = (['domain', 'number', 'subject', 'cert'] as const)
    .map((k) => `<option value="${k}"${k === by ? ' selected' : ''}>${esc(t.by[k])}</option>`)
    .join('');
  let body = '';
  if (outcome.error) body = `<p class="error">${esc(t.error)}：${esc(outcome.error)}</p>`;
  else if (outcome.result) {
    const r = outcome.result;
    const note = r.source === 'registry' ? `<p class="note">${esc(t.unavailable)}</p>` : '';
    body =
      note +
      (r.records.length === 0
        ? `<p class="none">${esc(t.none)}</p>`
        : `<table><thead><tr>${t.cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${r.records
            .map((x) => {
              // each cell carries its column name: on a phone the rows become labelled cards (see the style below)
              const cells = [
                esc(x.subjectName),
                esc(t.types[x.subjectType] ?? x.subjectType),
                esc(x.subjectFilingNumber),
                esc(x.websiteName),
                esc(x.websiteFilingNumber),
                x.domains.map(esc).join('<br>'),
                esc(x.approvedOn ?? ''),
              ];
              return `<tr>${cells.map((c, i) => `<td data-label="${esc(t.cols[i] ?? '')}">${c}</td>`).join('')}</tr>`;
            })
            .join('')}</tbody></table>`);
  }
  const suffixes = outcome.suffixes?.length
    ? `<details><summary>${esc(t.suffixes)}</summary><p>${outcome.suffixes.map((s) => `.${esc(s)}`).join(' ')}</p></details>`
    : '';
  const otherLang = lang === 'zh' ? 'en' : 'zh';
  const here = new URLSearchParams({ ...(value ? { [by]: value } : {}), lang: otherLang });
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222}form{display:flex;gap:.5rem;margin:1rem 0}input{flex:1;padding:.4rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}th{background:#f4f4f4}@media (max-width:640px){body{margin:1rem auto}form{flex-wrap:wrap}input{min-width:0}table,tbody,tr,td{display:block;width:auto}thead{position:absolute;left:-9999px}tr{border:1px solid #ccc;margin:0 0 .75rem;padding:.25rem 0}td{border:0;padding:.25rem .5rem;display:flex;gap:.75rem}td::before{content:attr(data-label);flex:0 0 6.5em;color:#666}}.none,.error{color:#a00}.note{color:#8a6d00}</style>
</head><body>
<p style="text-align:right"><a href="/query?${esc(here.toString())}">${esc(t.other)}</a></p>
<h1>${esc(t.title)}</h1><p>${esc(t.intro)}</p>
<form method="get" action="/query"><select name="by" aria-label="by">${options}</select><input name="q" value="${esc(value)}" maxlength="253" aria-label="query"><input type="hidden" name="lang" value="${lang}"><button type="submit">${esc(t.submit)}</button></form>
${body}
${suffixes}
</body></html>`;
}
