import type { Locator, Page } from 'playwright-core';

/**
 * Small Playwright helpers for antd controls, shared by the browser tests. They address controls the way a person
 * (or a screen reader) does: by their label.
 */

/** The open select dropdown's option with this text. */
export async function pickOption(page: Page, label: string | RegExp, option: string, within?: Locator) {
  const input = (within ?? page).getByLabel(label, { exact: typeof label === 'string' });
  await input.click();
  // long lists are virtual: a searchable select is filtered by typing, as a person would
  if (await input.isEditable()) await input.fill(option);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await page.keyboard.press('Escape').catch(() => {});
}

/** Types a civil date into an antd DatePicker and confirms it. */
export async function fillDate(page: Page, label: string | RegExp, date: string) {
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** The Form.Item that holds the control with this label. */
export function formItem(page: Page, label: string | RegExp): Locator {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: typeof label === 'string' }) });
}

/** antd puts a space between two CJK characters in buttons (「登 录」): match with or without it. */
export function buttonName(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?')}\\s*$`);
}
