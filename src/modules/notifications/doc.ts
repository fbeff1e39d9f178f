/**
 * A small document model for notification mail: templates say WHAT to say as blocks; one renderer turns the blocks
 * into the plain-text part and a simple HTML part, so the two can never say different things. Pure.
 */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: readonly string[] }
  /** Numbered entries with indented detail lines (rejection reasons: the item, the reason, the suggestion). */
  | { kind: 'items'; items: readonly { title: string; lines: readonly string[] }[] }
  /** Copy-ready code, e.g. the filing-number HTML snippet (R-PRE-013). */
  | { kind: 'code'; label: string; text: string }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'note'; text: string };

export interface MailDoc {
  subject: string;
  greeting: string;
  blocks: readonly Block[];
  /** Closing lines (sender, hotline, "do not reply"). */
  footer: readonly string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Only http(s) links are rendered as links; anything else is shown as text (a payload cannot inject `javascript:`). */
function safeUrl(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'p':
    case 'note':
      return b.text;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'items':
      return b.items.map((it, n) => [`${n + 1}. ${it.title}`, ...it.lines.map((l) => `   ${l}`)].join('\n')).join('\n');
    case 'code':
      return `${b.label}\n${b.text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}`;
    case 'link':
      return `${b.label}: ${b.url}`;
  }
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'note':
      return `<p style="color:#666;font-size:12px">${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'items':
      return `<ol>${b.items
        .map(
          (it) =>
            `<li><strong>${escapeHtml(it.title)}</strong>${it.lines.map((l) => `<br>${escapeHtml(l)}`).join('')}</li>`,
        )
        .join('')}</ol>`;
    case 'code':
      return `<p>${escapeHtml(b.label)}</p><pre style="background:#f5f5f5;padding:8px;white-space:pre-wrap">${escapeHtml(b.text)}</pre>`;
    case 'link': {
      const url = safeUrl(b.url);
      return url
        ? `<p><a href="${escapeHtml(url)}">${escapeHtml(b.label)}</a></p>`
        : `<p>${escapeHtml(b.label)}: ${escapeHtml(b.url)}</p>`;
    }
  }
}

export function renderMail(doc: MailDoc): RenderedMail {
  const text = [doc.greeting, ...doc.blocks.map(blockText), doc.footer.join('\n')].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px;line-height:1.6">',
    `<p>${escapeHtml(doc.greeting)}</p>`,
    ...doc.blocks.map(blockHtml),
    `<hr><p style="color:#666;font-size:12px">${doc.footer.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  // a header line may not carry a line break (header injection)
  return { subject: doc.subject.replace(/[\r\n]+/g, ' ').trim(), text, html };
}
