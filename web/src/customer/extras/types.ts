import type { LocalizedText } from '../../../../src/platform/i18n.ts';

/** Shapes of the extras API (src/modules/extras/extras.service.ts), as the console reads them. */
export interface DiagnosisHint {
  code: string;
  likely: boolean;
  text: LocalizedText;
}

export interface HostResolutionView {
  host: string;
  status: 'MATCH' | 'MISMATCH' | 'UNRESOLVED';
  ips: string[];
  server: { name: string; region: string; ip: string; ownedByAccount: boolean } | null;
  error: string | null;
}

export interface DiagnosisView {
  domain: string;
  gateway: { allowed: boolean; decision: string; reason: string; explanation: LocalizedText };
  filingNumber: string | null;
  subjectFilingNumber: string | null;
  providers: { providerId: number; here: boolean; name: string; accessIps: string[] }[];
  resolutions: HostResolutionView[];
  dnsServers: string[];
  hints: DiagnosisHint[];
}

export interface PsbTaskView {
  kind: 'PSB_FILING' | 'PSB_DISPLAY';
  rule: string;
  dueOn: string;
  done: boolean;
  overdue: boolean;
  title: LocalizedText;
  text: LocalizedText;
  link: string;
}

export interface ExtrasWebsite {
  id: string;
  name: string;
  filingNumber: string | null;
  subjectName: string;
  subjectFilingNumber: string | null;
  status: string;
  accessedHere: boolean;
  domains: string[];
  psb: { psbNumber: string; approvedOn: string; htmlCode: string } | null;
  tasks: PsbTaskView[];
}

export interface QualificationView {
  id: string;
  domain: string;
  uin: string;
  registeredCapitalCny: number | null;
  filingNumber: string | null;
  warnings: { code: string; message: LocalizedText }[];
  state: 'OPEN' | 'DOCUMENTS_SENT' | 'REJECTED';
  note: string | null;
  createdAt: number;
}
