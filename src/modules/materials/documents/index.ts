export {
  type AuthorizationLetterData,
  authorizationLetterPdf,
  type LetterPerson,
  type LetterWebsite,
  type WebsiteConstructionLetterData,
  websiteConstructionLetterPdf,
} from './letters.ts';
export { type CjkFont, DEFAULT_CJK_FONT, resolveCjkFont } from './pdf.ts';
export {
  type DomainPlacement,
  domainEntry,
  placeDomains,
  type SheetDomain,
  type SheetPerson,
  type SheetProvinceRules,
  type SheetSignatureRules,
  sheetSignatureRules,
  type VerificationSheetData,
  verificationSheetPdf,
} from './verification-sheet.ts';
