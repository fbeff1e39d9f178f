import { Card, Space, Typography } from 'antd';
import { useLang } from '../../app/i18n.ts';
import { WENWANGWEN_HELP } from './wenwangwen.ts';

/** R-EXT-010 / FAQ-267: the 文网文 help page (information only). */
export function WenWangWenHelp() {
  const { pick } = useLang();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {WENWANGWEN_HELP.map((s) => (
        <Card key={s.id} title={pick(s.title)} size="small" data-section={s.id}>
          <Typography>
            <ul>
              {s.items.map((item) => (
                <li key={item.zh}>{pick(item)}</li>
              ))}
            </ul>
          </Typography>
        </Card>
      ))}
    </Space>
  );
}
