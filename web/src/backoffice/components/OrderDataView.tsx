import { Collapse, Tag, Tooltip } from 'antd';
import { flatten } from '../../../../src/modules/review/diff.ts';
import { type BoKey, useBo } from '../i18n.tsx';
import { fieldLabel, sectionOf, valueLabel, withinSection } from '../logic/fields.ts';
import { valueText } from './common.tsx';

type Scalar = string | number | boolean | null;

/**
 * The order's data, every field with its path, grouped by section. Fields flagged at the last rejection and fields
 * changed since are marked, so the reviewer of a resubmission sees at once what the customer did (R-REJ-002).
 */
export function OrderDataView({
  draft,
  flagged,
  changed,
}: {
  draft: unknown;
  flagged: { code: string; field: string }[];
  changed: Set<string>;
}) {
  const { t, lang } = useBo();
  const rows = [...flatten(draft)];
  const groups = new Map<string, { title: string; rows: [string, Scalar][] }>();
  for (const [path, value] of rows) {
    const s = sectionOf(path);
    const key = s.section === 'websites' ? `websites[${s.index}]` : s.section;
    const title =
      s.section === 'websites'
        ? t('review.website', { n: (s.index ?? 0) + 1 })
        : t(`review.section.${s.section}` as BoKey);
    const g = groups.get(key) ?? { title, rows: [] };
    g.rows.push([path, value]);
    groups.set(key, g);
  }
  const flagsOf = (path: string) =>
    flagged.filter((f) => path === f.field || path.startsWith(`${f.field}.`) || path.startsWith(`${f.field}[`));
  const order = [
    'other',
    'subject',
    'subjectPrincipal',
    ...[...groups.keys()].filter((k) => k.startsWith('websites')),
    'materials',
  ];
  return (
    <Collapse
      size="small"
      defaultActiveKey={order.filter((k) => k !== 'materials')}
      items={order
        .filter((k) => groups.has(k))
        .map((k) => {
          const g = groups.get(k)!;
          return {
            key: k,
            label: g.title,
            children: (
              <dl className="bo-data">
                {g.rows.map(([path, value]) => {
                  const flags = flagsOf(path);
                  const isChanged = changed.has(path);
                  return (
                    <div
                      key={path}
                      className={`bo-data-row${flags.length ? ' flagged' : ''}${isChanged ? ' changed' : ''}`}
                      data-field={path}
                    >
                      <dt>
                        <Tooltip title={path}>
                          <span>{fieldLabel(withinSection(path), lang)}</span>
                        </Tooltip>
                      </dt>
                      <dd>
                        {valueLabel(path, value, lang) ?? valueText(value, t('common.yes'), t('common.no'))}
                        {isChanged && <Tag color="blue">{t('diff.addressed')}</Tag>}
                        {flags.map((f) => (
                          <Tag key={f.code} color="red">
                            {f.code}
                          </Tag>
                        ))}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            ),
          };
        })}
    />
  );
}
