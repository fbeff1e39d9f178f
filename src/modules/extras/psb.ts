import type { LocalizedText } from '../../platform/i18n.ts';
import { addCalendarDays, compareDates, isCivilDate } from '../calendar/civil-date.ts';
import type { Violation } from '../rules/violation.ts';

/**
 * The public-security (公安) filing obligations of a website (R-EXT-001/002). Pure: the caller passes the dates.
 * The platform does not file with the police; it records the number the customer obtained and derives the tasks.
 */

/** R-EXT-001/002: both tasks fall due 30 calendar days after their start (网站开通之日 / 公安备案审核通过). */
export const PSB_TASK_DAYS = 30;
export const PSB_PLATFORM_URL = 'https://beian.mps.gov.cn';

/**
 * A PSB number is 14 digits (the first six the administrative division, FAQ-258: 44010602000001), usually shown
 * with the province prefix 「粤公网安备 …号」. The spec says nothing more, so any such prefix/suffix is accepted and
 * kept as typed; only the digit core is checked.
 */
const PSB_PATTERN = /^(?:([\u4e00-\u9fa5]{1,2})公网安备\s*)?(\d{14})(?:号)?$/;

export interface PsbInput {
  psbNumber: string;
  approvedOn: string;
}

const bad = (field: string, code: string, message: LocalizedText): Violation => ({
  rule: 'R-EXT-002',
  code,
  severity: 'block',
  field,
  message,
});

/** Returns the field-level problems of a PSB record (empty when it can be stored); `today` is Beijing's civil date. */
export function psbViolations(input: PsbInput, today: string): Violation[] {
  const out: Violation[] = [];
  const number = input.psbNumber.replace(/\s+/g, ' ').trim();
  if (number === '')
    out.push(
      bad('psbNumber', 'PSB_NUMBER_REQUIRED', {
        zh: '请填写公安备案号',
        en: 'Enter the public-security filing number',
      }),
    );
  else if (!PSB_PATTERN.test(number))
    out.push(
      bad('psbNumber', 'PSB_NUMBER_FORMAT', {
        zh: '公安备案号应为 14 位数字，例如 44010602000001 或「粤公网安备 44010602000001号」',
        en: 'A public-security filing number has 14 digits, e.g. 44010602000001 or 粤公网安备 44010602000001号',
      }),
    );
  if (!isCivilDate(input.approvedOn))
    out.push(
      bad('approvedOn', 'PSB_DATE_INVALID', { zh: '请填写有效的审核通过日期', en: 'Enter a valid approval date' }),
    );
  else if (compareDates(input.approvedOn, today) > 0)
    out.push(
      bad('approvedOn', 'PSB_DATE_IN_FUTURE', {
        zh: '审核通过日期不能晚于今天',
        en: 'The approval date cannot be later than today',
      }),
    );
  else if (compareDates(input.approvedOn, '2000-01-01') < 0)
    out.push(
      bad('approvedOn', 'PSB_DATE_INVALID', { zh: '请填写有效的审核通过日期', en: 'Enter a valid approval date' }),
    );
  return out;
}

/** The number as stored: whitespace collapsed, otherwise as the customer typed it. */
export function normalizePsbNumber(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** The 14-digit core of a stored number (what the national platform's HTML code links to). */
export function psbDigits(number: string): string {
  return PSB_PATTERN.exec(number)?.[2] ?? number;
}

export type PsbTaskKind = 'PSB_FILING' | 'PSB_DISPLAY';

export interface PsbTask {
  kind: PsbTaskKind;
  rule: 'R-EXT-001' | 'R-EXT-002';
  dueOn: string;
  done: boolean;
  overdue: boolean;
  title: LocalizedText;
  text: LocalizedText;
  link: string;
}

/**
 * The tasks of one website. `openedOn` is the first allowed date at this provider (R-EXT-001, interp.): absent when
 * the website has never been served here, and then there is no filing task.
 */
export function psbTasks(
  site: { openedOn: string | null; psb: { psbNumber: string; approvedOn: string } | null },
  today: string,
): PsbTask[] {
  const tasks: PsbTask[] = [];
  if (site.openedOn) {
    const dueOn = addCalendarDays(site.openedOn, PSB_TASK_DAYS);
    tasks.push({
      kind: 'PSB_FILING',
      rule: 'R-EXT-001',
      dueOn,
      done: site.psb !== null,
      overdue: site.psb === null && compareDates(today, dueOn) > 0,
      title: { zh: '办理公安备案', en: 'File with the public security bureau' },
      text: {
        zh: '开办网站须在网络正式联通后的三十日内到全国公安机关互联网站安全管理服务平台办理公安备案；不履行的，公安机关可给予警告或者停机整顿不超过六个月的处罚。',
        en: 'A website must be filed with the public security bureau on the national platform within 30 days of going online; failing that, the police may issue a warning or order suspension of up to 6 months.',
      },
      link: PSB_PLATFORM_URL,
    });
  }
  if (site.psb) {
    const dueOn = addCalendarDays(site.psb.approvedOn, PSB_TASK_DAYS);
    tasks.push({
      kind: 'PSB_DISPLAY',
      rule: 'R-EXT-002',
      dueOn,
      done: false,
      overdue: compareDates(today, dueOn) > 0,
      title: { zh: '在网站展示公安备案号和图标', en: 'Display the PSB filing number and icon on the website' },
      text: {
        zh: '公安备案审核通过后 30 日内，登录全国公安机关互联网站安全管理服务平台，复制网站公安机关备案号，下载备案编号图标，复制备案编号 HTML 代码，并编辑您的网页源代码，将其放在网站首页底部。',
        en: 'Within 30 days of the approval, sign in to the national platform, copy the PSB filing number, download the number icon, copy the HTML code and put it into the footer of your home page.',
      },
      link: PSB_PLATFORM_URL,
    });
  }
  return tasks;
}

/** The HTML code the customer pastes into the page (the national platform offers the same snippet). */
export function psbHtmlSnippet(number: string): string {
  const digits = psbDigits(number);
  const label = number.includes('公网安备') ? number : `公网安备 ${digits}号`;
  const esc = label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<a href="${PSB_PLATFORM_URL}/portal/registerSystemInfo?recordcode=${digits}" target="_blank" rel="noreferrer">${esc}</a>`;
}
