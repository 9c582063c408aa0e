/** Shapes of the administration API (src/http/routes/admin-routes.ts, published in /api/v1/openapi.json). */
export interface SiteItem {
  code: string;
  name: string;
  candidateCount: number;
}

export interface RegionSettings {
  code: string;
  name: string;
  uploadEnabled: boolean;
  uploadOpensAt: string | null;
  uploadClosesAt: string | null;
  reviewOpensAt: string | null;
  reviewClosesAt: string | null;
  uploadOpenNow: boolean;
  reviewOpenNow: boolean;
}

export interface RegionItem extends RegionSettings {
  candidateCount: number;
  sites: SiteItem[];
}

export interface RegionList {
  items: RegionItem[];
  canCreateRegion: boolean;
}

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
  examCategories: Array<CodeName & { sortOrder: number }>;
  situations: CodeName[];
  idTypes: string[];
  importColumns: string[];
}

export type AccountRole = 'candidate' | 'site_reviewer' | 'region_reviewer' | 'admin';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  roleLabel: string;
  regionCode: string | null;
  siteCode: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface AccountPage {
  items: Account[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Exclude<AccountRole, 'candidate'>;
  regionCode?: string | null;
  siteCode?: string | null;
}

export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportResult {
  reportId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  totalRows: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  returnedToDraft: number;
  rejected: RowProblem[];
  reportUrl: string | null;
}

export interface ImportHistoryItem {
  id: string;
  fileName: string;
  format: string;
  importedBy: string;
  regionScope: string | null;
  totalRows: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  createdAt: string;
  reportUrl: string | null;
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
}

export interface SiteRuleChange {
  affected: { candidates: number; backToDraft: number };
}
