/** Text in both languages the platform speaks; zh-CN is primary (the FAQ, the bureau and most customers). */
export interface LocalizedText {
  zh: string;
  en: string;
}

export type Lang = 'zh' | 'en';

/** Picks the language from an Accept-Language header; Chinese unless English is preferred over it. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  const prefs = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith('zh')) return 'zh';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
