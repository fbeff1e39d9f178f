/** R-PRE-013: the copy-ready footer a filed website must show, linked to the configured MIIT URL. */
export const DEFAULT_MIIT_URL = 'http://www.miitbeian.gov.cn';

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function filingNumberSnippet(
  subjectName: string,
  websiteFilingNumber: string,
  miitUrl: string = DEFAULT_MIIT_URL,
): string {
  const url = /^https?:\/\//.test(miitUrl) ? miitUrl : DEFAULT_MIIT_URL;
  return `<div style="text-align:center">${escapeHtml(subjectName)} <a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(websiteFilingNumber)}</a></div>`;
}
