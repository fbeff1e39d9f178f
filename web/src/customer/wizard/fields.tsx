import { Checkbox, DatePicker, Form, type FormItemProps, Space } from 'antd';
import dayjs from 'dayjs';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKey, type NamePath } from '../logic/field-paths.ts';

/** A message shown at a field: a rule violation from the live check, or a reviewer's rejection reason. */
export interface FieldMessage {
  field: string;
  code: string;
  rule?: string;
  severity: 'block' | 'warn';
  message: string;
  fix?: string;
  source: 'rule' | 'rejection' | 'server';
}

export interface FieldMessagesValue {
  messagesAt(key: string): FieldMessage[];
  /** Rule messages show once the customer has touched the field, it holds a value, or the step was checked. */
  showAll: boolean;
  /** Fields rendered on screen register here, so messages for anything else still appear at the top of the step. */
  register(key: string): () => void;
}

export const FieldMessagesContext = createContext<FieldMessagesValue>({
  messagesAt: () => [],
  showAll: false,
  register: () => () => {},
});

function hasValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

export function MessageList({ messages }: { messages: FieldMessage[] }) {
  const { t } = useTranslation();
  return (
    <>
      {messages.map((m) => (
        <div
          key={`${m.source}-${m.code}-${m.message}`}
          className={m.severity === 'warn' ? 'field-help-warn' : undefined}
        >
          {m.source === 'rejection' ? `${t('customer.wizard.rejectedBecause')}${m.message}` : m.message}
          {m.fix && <div className="field-fix">{t('app.problem.fix', { fix: m.fix })}</div>}
        </div>
      ))}
    </>
  );
}

/**
 * A Form.Item whose status and help come from the rules engine (and from rejection reasons), not from antd's own
 * validators: the message and the fix the rule states appear right under the field, as the customer types.
 */
export function CheckedItem({
  path,
  children,
  extra,
  ...rest
}: Omit<FormItemProps, 'name' | 'validateStatus' | 'help'> & { path: NamePath; children: ReactNode }) {
  const ctx = useContext(FieldMessagesContext);
  const form = Form.useFormInstance();
  const key = fieldKey(path);
  const { register } = ctx;
  useEffect(() => register(key), [register, key]);
  const all = ctx.messagesAt(key);
  const touched = form.isFieldTouched(path as (string | number)[]);
  const value = form.getFieldValue(path as (string | number)[]);
  const visible = all.filter((m) => m.source !== 'rule' || ctx.showAll || touched || hasValue(value));
  const status = visible.some((m) => m.severity === 'block')
    ? 'error'
    : visible.some((m) => m.severity === 'warn')
      ? 'warning'
      : undefined;
  return (
    <Form.Item
      {...rest}
      name={path as (string | number)[]}
      validateStatus={status}
      help={visible.length ? <MessageList messages={visible} /> : undefined}
      extra={extra}
      data-field={key}
    >
      {children}
    </Form.Item>
  );
}

/** A civil date 'YYYY-MM-DD' (Beijing) in the form, picked with a calendar; optionally 长期 (long-term). */
export function CivilDateInput({
  value,
  onChange,
  allowLongTerm = false,
  disabled,
  id,
  ...aria
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  allowLongTerm?: boolean;
  disabled?: boolean;
  id?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  const longTerm = value === 'LONG_TERM';
  return (
    <Space wrap>
      <DatePicker
        id={id}
        {...aria}
        value={value && !longTerm ? dayjs(value) : null}
        onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
        disabled={disabled || longTerm}
        format="YYYY-MM-DD"
        inputReadOnly={false}
      />
      {allowLongTerm && (
        <Checkbox
          checked={longTerm}
          disabled={disabled}
          onChange={(e) => onChange?.(e.target.checked ? 'LONG_TERM' : undefined)}
        >
          {t('customer.wizard.longTerm')}
        </Checkbox>
      )}
    </Space>
  );
}
