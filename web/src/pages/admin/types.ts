/**
 * Shapes of the administration API. Regions, sites, accounts and the import come from the
 * server's contract (src/contracts/admin.ts); the rules and catalog shapes below are still
 * written by hand until those routes get their contract.
 */
export type {
  SiteItem, RegionSettings, RegionItem, RegionList, Account, AccountRole, AccountPage, RowProblem, ImportResult, ImportHistoryItem,
} from '../../../../src/contracts/admin.js';
import type { AccountRole } from '../../../../src/contracts/admin.js';

export type RequirementKind = 'required' | 'optional' | 'hidden';

export interface Rule {
  id: number;
  regionCode: string | null;
  examCategoryCode: string | null;
  situation: string | null;
  situationName: string | null;
  materialCode: string;
  requirement: RequirementKind;
  maxCount: number | null;
  extraText: string | null;
  /** The extra text in English (null: none, English mode shows the Chinese). */
  extraTextEn?: string | null;
  editable: boolean;
}

export interface RuleInput {
  regionCode: string | null;
  examCategoryCode: string | null;
  situation: string | null;
  materialCode: string;
  requirement: RequirementKind;
  maxCount: number | null;
  extraText: string | null;
  /** The extra text in English (null: none, English mode shows the Chinese). */
  extraTextEn?: string | null;
}

export interface PreviewItem {
  code: string;
  name: string;
  requirement: RequirementKind;
  minCount: number;
  maxCount: number;
  extraText: string | null;
}

export interface MaterialItem {
  code: string;
  name: string;
  requirements: string;
  /** English mode's words (null: the page shows the Chinese). */
  nameEn: string | null;
  requirementsEn: string | null;
  minCount: number;
  maxCount: number;
  sortOrder: number;
  exampleImageUrl: string | null;
  customExample: boolean;
  imageCount: number;
}

export interface CodeName {
  code: string;
  name: string;
}

export interface Catalog {
  editable: boolean;
  materials: MaterialItem[];
  examCategories: Array<CodeName & { nameEn?: string | null; sortOrder: number }>;
  situations: CodeName[];
  idTypes: string[];
  importColumns: string[];
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Exclude<AccountRole, 'candidate'>;
  regionCode?: string | null;
  siteCode?: string | null;
}


/** A 考点's own rule (src/services/manage-site-rules.ts): always "required". */
export interface SiteRule {
  id: number;
  siteCode: string | null;
  regionCode: string | null;
  examCategoryCode: string | null;
  situation: string | null;
  situationName: string | null;
  materialCode: string;
  requirement: RequirementKind;
  maxCount: number | null;
  extraText: string | null;
  /** The extra text in English (null: none, English mode shows the Chinese). */
  extraTextEn?: string | null;
}

export interface SiteRuleList {
  site: { code: string; name: string; regionCode: string; regionName: string };
  items: SiteRule[];
  /** The region and national rules that make a material required (read only). */
  inherited: SiteRule[];
  choices: {
    materials: Array<{ code: string; name: string; minCount: number; maxCount: number }>;
    examCategories: Array<{ code: string; name: string }>;
    situations: Array<{ code: string; name: string }>;
  };
}

export interface SiteRuleInput {
  examCategoryCode: string | null;
  situation: string | null;
  materialCode: string;
  maxCount: number | null;
  extraText: string | null;
  /** The extra text in English (null: none, English mode shows the Chinese). */
  extraTextEn?: string | null;
}

export interface SiteRuleChange {
  affected: { candidates: number; backToDraft: number };
}
