import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from './api.ts';

/**
 * A refusal as the customer should read it: the server's message (already in the console language), then every
 * field error with its fix. Pages that can put errors at their fields pass `hideFieldErrors`.
 */
export function ProblemAlert({
  error,
  hideFieldErrors = false,
  title,
}: {
  error: unknown;
  hideFieldErrors?: boolean;
  title?: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const p = error instanceof ProblemError ? error : null;
  const detail = p ? p.detail : error instanceof Error ? error.message : String(error);
  const fieldErrors = p && !hideFieldErrors ? p.errors : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? detail}
      description={
        <>
          {title && <div>{detail}</div>}
          {fieldErrors.length > 0 && (
            <ul className="problem-list" aria-label={t('app.problem.fieldErrors')}>
              {fieldErrors.map((e) => (
                <li key={`${e.field}-${e.code}`}>
                  <span>{e.message}</span>
                  {e.fix && <div className="problem-fix">{t('app.problem.fix', { fix: e.fix })}</div>}
                </li>
              ))}
            </ul>
          )}
          {p?.problem.requestId && p.status >= 500 && (
            <div className="muted">{t('app.problem.requestId', { id: p.problem.requestId })}</div>
          )}
        </>
      }
    />
  );
}
