import type { LocalizedText } from '../../../platform/i18n.ts';

/** The nine order types of requirements.md §0.3 (R-ORD-001). */
export const ORDER_TYPES = [
  'FIRST',
  'ADD_WEBSITE',
  'ACCESS',
  'CHANGE_SUBJECT',
  'CHANGE_WEBSITE',
  'CHANGE_ACCESS',
  'CANCEL_SUBJECT',
  'CANCEL_WEBSITE',
  'CANCEL_ACCESS',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * `WITH_SUBJECT` (有本接入商主体): the subject already has a website accessed at this provider.
 * `WITHOUT_SUBJECT` (无本接入商主体): the subject is filed only through other providers. Only ADD_WEBSITE and ACCESS have it.
 */
export const ORDER_VARIANTS = ['WITH_SUBJECT', 'WITHOUT_SUBJECT'] as const;
export type OrderVariant = (typeof ORDER_VARIANTS)[number];

/**
 * The domain groups of the §17.2 access column: NEW = FIRST/ADD_WEBSITE, ACC = ACCESS, CHG = CHANGE_*, CXL = CANCEL_*.
 * Every access effect in the transition table is stated per group.
 */
export const ACCESS_GROUPS = ['NEW', 'ACC', 'CHG', 'CXL'] as const;
export type AccessGroup = (typeof ACCESS_GROUPS)[number];

/**
 * Parts of an order's data, as far as editing is concerned (R-ORD-014). Curtain photos are not a section: they are
 * uploaded with the UPLOAD_PHOTO event, which has its own rules (R-MAT-017).
 */
export const EDIT_SECTIONS = ['SUBJECT', 'WEBSITES', 'ACCESS_DATA', 'MATERIALS', 'TARGETS'] as const;
/**
 * SUBJECT: subject and subject principal. WEBSITES: website data, domains, website principals, pre-approvals.
 * ACCESS_DATA: access server / IP / authorisation code. MATERIALS: certificate images and verification sheets.
 * TARGETS: which filed websites (or records) the order acts on, for ACCESS selection, changes and cancellations.
 */
export type EditSection = (typeof EDIT_SECTIONS)[number];

export interface OrderTypeInfo {
  label: LocalizedText;
  group: AccessGroup;
  /** Created by the verify step from registry facts (R-ORD-003/004), never picked by the customer. */
  detectedAtVerify: boolean;
  hasVariant: boolean;
  /** fill-in → initial review → photo → photo re-review → bureau (R-ORD-001, R-MAT-016). */
  hasPhotoStep: boolean;
  isCancellation: boolean;
  /** The bureau checks the filing password (R-BUR-008). */
  requiresFilingPassword: boolean;
  /** Sections the customer may fill in for this type; anything else is read-only whatever the state (R-ORD-014). */
  editableSections: readonly EditSection[];
}

export const ORDER_TYPE_INFO = {
  FIRST: {
    label: { zh: '首次备案', en: 'First filing' },
    group: 'NEW',
    detectedAtVerify: true,
    hasVariant: false,
    hasPhotoStep: true,
    isCancellation: false,
    requiresFilingPassword: false,
    editableSections: ['SUBJECT', 'WEBSITES', 'ACCESS_DATA', 'MATERIALS'],
  },
  ADD_WEBSITE: {
    label: { zh: '新增网站', en: 'Add website' },
    group: 'NEW',
    detectedAtVerify: true,
    hasVariant: true,
    hasPhotoStep: true,
    isCancellation: false,
    requiresFilingPassword: false,
    // R-ORD-029: the subject section is copied read-only from the filed record.
    editableSections: ['WEBSITES', 'ACCESS_DATA', 'MATERIALS'],
  },
  ACCESS: {
    label: { zh: '接入备案', en: 'Access filing' },
    group: 'ACC',
    detectedAtVerify: true,
    hasVariant: true,
    hasPhotoStep: true,
    isCancellation: false,
    requiresFilingPassword: true,
    // R-SUB-029, R-WEB-024: subject and websites (domain lists included) come from the bureau record, read-only;
    // the customer selects which filed websites to access (R-ORD-032b) and may upload a newer certificate (R-SUB-005).
    editableSections: ['TARGETS', 'ACCESS_DATA', 'MATERIALS'],
  },
  CHANGE_SUBJECT: {
    label: { zh: '变更主体', en: 'Change subject' },
    group: 'CHG',
    detectedAtVerify: false,
    hasVariant: false,
    hasPhotoStep: true,
    isCancellation: false,
    requiresFilingPassword: false,
    editableSections: ['SUBJECT', 'MATERIALS'],
  },
  CHANGE_WEBSITE: {
    label: { zh: '变更网站', en: 'Change website' },
    group: 'CHG',
    detectedAtVerify: false,
    hasVariant: false,
    hasPhotoStep: true,
    isCancellation: false,
    requiresFilingPassword: false,
    editableSections: ['TARGETS', 'WEBSITES', 'MATERIALS'],
  },
  CHANGE_ACCESS: {
    label: { zh: '变更接入', en: 'Change access' },
    group: 'CHG',
    detectedAtVerify: false,
    hasVariant: false,
    hasPhotoStep: true,
    isCancellation: false,
    requiresFilingPassword: false,
    editableSections: ['TARGETS', 'ACCESS_DATA', 'MATERIALS'],
  },
  CANCEL_SUBJECT: {
    label: { zh: '注销主体', en: 'Cancel subject' },
    group: 'CXL',
    detectedAtVerify: false,
    hasVariant: false,
    hasPhotoStep: false,
    isCancellation: true,
    requiresFilingPassword: true,
    editableSections: [],
  },
  CANCEL_WEBSITE: {
    label: { zh: '注销网站', en: 'Cancel website' },
    group: 'CXL',
    detectedAtVerify: false,
    hasVariant: false,
    hasPhotoStep: false,
    isCancellation: true,
    requiresFilingPassword: false,
    editableSections: ['TARGETS'],
  },
  CANCEL_ACCESS: {
    label: { zh: '取消接入', en: 'Cancel access' },
    group: 'CXL',
    detectedAtVerify: false,
    hasVariant: false,
    hasPhotoStep: false,
    isCancellation: true,
    requiresFilingPassword: false,
    editableSections: ['TARGETS'],
  },
} as const satisfies Record<OrderType, OrderTypeInfo>;

export const ORDER_VARIANT_LABELS = {
  WITH_SUBJECT: { zh: '有本接入商主体', en: 'subject already accessed at this provider' },
  WITHOUT_SUBJECT: { zh: '无本接入商主体', en: 'subject filed only through other providers' },
} as const satisfies Record<OrderVariant, LocalizedText>;

export function orderTypeInfo(type: OrderType): OrderTypeInfo {
  return ORDER_TYPE_INFO[type];
}

export function hasPhotoStep(type: OrderType): boolean {
  return ORDER_TYPE_INFO[type].hasPhotoStep;
}

export function isCancellation(type: OrderType): boolean {
  return ORDER_TYPE_INFO[type].isCancellation;
}

export function accessGroupOf(type: OrderType): AccessGroup {
  return ORDER_TYPE_INFO[type].group;
}

/** The label shown in the console, with the variant where the type has one (e.g. 「接入备案（无本接入商主体）」). */
export function orderTypeLabel(type: OrderType, variant?: OrderVariant | null): LocalizedText {
  const base = ORDER_TYPE_INFO[type].label;
  if (!variant || !ORDER_TYPE_INFO[type].hasVariant) return base;
  const v = ORDER_VARIANT_LABELS[variant];
  return { zh: `${base.zh}（${v.zh}）`, en: `${base.en} (${v.en})` };
}

/** The review steps an order passes after submission, in order (R-ORD-001). */
export type ReviewStep = 'INITIAL_REVIEW' | 'PHOTO' | 'PHOTO_RE_REVIEW' | 'BUREAU';

export function reviewSteps(type: OrderType): readonly ReviewStep[] {
  return hasPhotoStep(type) ? ['INITIAL_REVIEW', 'PHOTO', 'PHOTO_RE_REVIEW', 'BUREAU'] : ['INITIAL_REVIEW', 'BUREAU'];
}

/**
 * The estimate the console shows for a whole order (R-ORD-023, R-CHG-002): initial review 1 WD + photo re-review
 * 1 WD (photo types only) + the bureau's working days for the order's province and type (R-ORD-022, R-CHG-012),
 * which the caller takes from the province table. ADD_WEBSITE gets exactly FIRST's estimate (R-ORD-025).
 */
export function estimatedWorkingDays(type: OrderType, bureauWorkingDays: number): number {
  return 1 + (hasPhotoStep(type) ? 1 : 0) + bureauWorkingDays;
}
