import type { LocalizedText } from '../../../platform/i18n.ts';
import type { OrderType } from '../draft.ts';

/** §0.3: order types with the FAQ's names. */
export const ORDER_TYPE_LABELS: Readonly<Record<OrderType, LocalizedText>> = {
  FIRST: { zh: '首次备案', en: 'First filing' },
  ADD_WEBSITE: { zh: '新增网站', en: 'Add website' },
  ACCESS: { zh: '接入备案', en: 'Access filing' },
  CHANGE_SUBJECT: { zh: '变更主体', en: 'Change subject' },
  CHANGE_WEBSITE: { zh: '变更网站', en: 'Change website' },
  CHANGE_ACCESS: { zh: '变更接入', en: 'Change access' },
  CANCEL_SUBJECT: { zh: '注销主体', en: 'Cancel subject' },
  CANCEL_WEBSITE: { zh: '注销网站', en: 'Cancel website' },
  CANCEL_ACCESS: { zh: '取消接入', en: 'Cancel access' },
};
