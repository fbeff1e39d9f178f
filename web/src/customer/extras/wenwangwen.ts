import type { LocalizedText } from '../../../../src/platform/i18n.ts';

/**
 * R-EXT-010: the 文网文 (网络文化经营许可证) help page. The platform does not process applications; the text states
 * the baseline conditions, the procedure, the time limit and the consequence, as the FAQ gives them.
 */
export interface HelpSection {
  id: 'conditions' | 'procedure' | 'timeLimit' | 'consequence' | 'platform';
  title: LocalizedText;
  items: LocalizedText[];
}

export const WENWANGWEN_HELP: HelpSection[] = [
  {
    id: 'conditions',
    title: {
      zh: '申请条件（基本要求，具体以当地文化部门为准）',
      en: 'Conditions (the baseline; local requirements vary)',
    },
    items: [
      { zh: '纯内资公司', en: 'A purely domestic-capital company' },
      {
        zh: '注册资金 100 万元以上（其中游戏运营 1000 万元以上）',
        en: 'Registered capital of CNY 1,000,000 or more (CNY 10,000,000 or more for game operation)',
      },
      { zh: '相关人员的资格证书', en: 'Qualification certificates of the staff concerned' },
      { zh: '详细的业务发展报告规划', en: 'A detailed business development plan' },
      {
        zh: '只有企业可以申请，个人需要先注册企业，经工商管理部门审批后方可开展此类业务',
        en: 'Only organisations can hold the licence: an individual must register a company first',
      },
    ],
  },
  {
    id: 'procedure',
    title: { zh: '申请流程', en: 'Procedure' },
    items: [
      {
        zh: '向所在省（自治区、直辖市）文化行政部门提出申请，由省级文化部门初审',
        en: 'Apply to the culture department of your province, which reviews the application first',
      },
      {
        zh: '省级文化部门提出初审意见后报文化部审核',
        en: 'The province forwards its opinion to the Ministry of Culture for review',
      },
      {
        zh: '文化部批准后，通过省级文化部门颁发《网络文化经营许可证》',
        en: 'Once approved, the licence is issued through the provincial culture department',
      },
    ],
  },
  {
    id: 'timeLimit',
    title: { zh: '审批时限', en: 'Time limit' },
    items: [
      {
        zh: '文化部自收到初审意见之日起 20 个工作日内做出批准或者不批准的决定',
        en: 'The Ministry of Culture decides within 20 working days of receiving the provincial opinion',
      },
      {
        zh: '许可证有效期三年，期满前 60 个工作日内办理续延',
        en: 'The licence is valid for 3 years; renew it within 60 working days before expiry',
      },
    ],
  },
  {
    id: 'consequence',
    title: { zh: '不办理的影响', en: 'Operating without a licence' },
    items: [
      {
        zh: '以营利为目的开展网络文化活动而未取得许可证，属于非法经营，存在被处罚或关停的风险',
        en: 'Commercial online culture activities without the licence are 非法经营 (illegal business operation), with the risk of penalties or shutdown',
      },
      {
        zh: '在申请和变更 ICP 备案时不符合要求会有被退回的风险',
        en: 'ICP filings or changes that do not comply risk being returned',
      },
    ],
  },
  {
    id: 'platform',
    title: { zh: '本平台的作用', en: 'What this platform does' },
    items: [
      {
        zh: '本平台不受理《网络文化经营许可证》申请，请向文化行政部门申请；取得后在备案中作为前置审批（文化）上传彩色扫描件',
        en: 'This platform does not process 文网文 applications; apply to the culture authorities, then upload the colour scan as the 文化 pre-approval of your filing',
      },
    ],
  },
];
