import type { ExamCategory, MaterialCategory, Requirement, RequirementRule } from '../../domain/catalog.js';
import type { RegistrationStatus } from '../../domain/registration-status.js';

/** A material category as stored: the resolution's fields plus its place in the list and its example image. */
export interface StoredMaterialCategory extends MaterialCategory {
  sortOrder: number;
  /** Blob key of an uploaded example (examples/…), the built-in drawing's file name, or null for none. */
  exampleImage: string | null;
}

export interface StoredExamCategory {
  code: string;
  name: string;
  /** English mode's name (null: the page shows the Chinese). */
  nameEn: string | null;
  sortOrder: number;
}

/** A requirement rule with its id (national, region or 考点). */
export interface StoredRule extends RequirementRule {
  id: number;
  siteCode: string | null;
}

/** The key that makes a rule unique: one rule per (region, 考点, exam category, situation, material); null means "any". */
export type RuleKey = Pick<StoredRule, 'regionCode' | 'siteCode' | 'examCategoryCode' | 'situation' | 'materialCode'>;

/** Which rules a change may touch: a 考点's own (siteCode) or the national/region ones (siteCode null), within a region when given. */
export interface RuleScope {
  siteCode: string | null;
  regionCode?: string | null | undefined;
}

export type RuleChange = Partial<Pick<StoredRule, 'requirement' | 'maxCount' | 'extraText' | 'extraTextEn'>>;

export interface MaterialChange {
  name?: string;
  requirements?: string;
  nameEn?: string | null;
  requirementsEn?: string | null;
  minCount?: number;
  maxCount?: number;
  sortOrder?: number;
}

/** A 考点 with its region, as the 考点 rule pages show it. */
export interface RuleSite {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
}

/** A registration of a 考点, as a rule change re-judges it. */
export interface SiteCandidate {
  registrationId: string;
  status: RegistrationStatus;
  regionCode: string;
  siteCode: string;
  examCategoryCode: string;
  situations: string[];
}

/**
 * The catalog (material and exam categories) and the requirement rules (national, region,
 * 考点). Writes made through it are seen by this process's cached reads once they commit.
 */
export interface CatalogRepository {
  /** The catalog in list order, as the resolution reads it. */
  materialCategories(): Promise<MaterialCategory[]>;
  /**
   * The same, `cached`: through the per-process cache of a few seconds kept over the pool, even
   * inside a transaction (the upload path, which never writes the catalog).
   */
  categories(opts?: { cached?: boolean }): Promise<MaterialCategory[]>;
  /**
   * The national and region rules, and with `sites` the rules of those 考点 ('*': every site
   * of the region, for batch work). Without `sites` no site rule is read.
   */
  rulesFor(regionCode: string, sites?: string | '*' | readonly string[], opts?: { cached?: boolean }): Promise<RequirementRule[]>;

  /** Material categories by list order, then code. */
  listMaterials(): Promise<StoredMaterialCategory[]>;
  findMaterial(code: string): Promise<StoredMaterialCategory | undefined>;
  /** Live (not deleted) images per category code. */
  liveImageCounts(): Promise<Map<string, number>>;
  /** Whether any image, even a deleted one, was ever uploaded to the category. */
  materialEverUsed(code: string): Promise<boolean>;
  /** Appends the category at the end of the list. */
  addMaterial(m: Omit<StoredMaterialCategory, 'sortOrder' | 'exampleImage'>): Promise<void>;
  changeMaterial(code: string, change: MaterialChange): Promise<void>;
  setExampleImage(code: string, exampleImage: string | null): Promise<void>;
  /** Removes the category and every rule about it. */
  removeMaterial(code: string): Promise<void>;
  /** A stored example blob not yet referenced (swept if the write never completes). */
  holdPendingBlob(key: string, at: Date): Promise<void>;
  releasePendingBlob(key: string): Promise<void>;

  /**
   * Loads a whole catalog, in list order, into a database that has no material categories yet;
   * false (nothing written) when it has some. Run it in a transaction: all of it or none.
   */
  seedIfEmpty(catalog: {
    examCategories: readonly ExamCategory[];
    materialCategories: ReadonlyArray<MaterialCategory & { exampleImage: string | null }>;
    rules: readonly RequirementRule[];
  }): Promise<boolean>;

  /** Exam categories by list order, then code. */
  listExamCategories(): Promise<StoredExamCategory[]>;
  findExamCategory(code: string): Promise<StoredExamCategory | undefined>;
  /** An exam category other than `exceptCode` with this code or name. */
  findExamCategoryClash(p: { code?: string; name: string; exceptCode?: string }): Promise<StoredExamCategory | undefined>;
  /** Appends the category at the end of the list. */
  addExamCategory(code: string, name: string, nameEn: string | null): Promise<void>;
  /** False when there is no such category; `nameEn` undefined keeps the English name. */
  renameExamCategory(code: string, name: string, nameEn?: string | null): Promise<boolean>;

  regionExists(code: string): Promise<boolean>;
  /** The national and region rules (no 考点 rule) in catalog order of their material. */
  regionRules(regionCode: string | null): Promise<StoredRule[]>;
  /** A 考点's own rules, by id. */
  siteRules(site: Pick<RuleSite, 'code' | 'regionCode'>): Promise<StoredRule[]>;
  findRule(id: number, scope: RuleScope): Promise<StoredRule | undefined>;
  findRuleByKey(key: RuleKey): Promise<StoredRule | undefined>;
  addRule(rule: Omit<StoredRule, 'id'>): Promise<StoredRule>;
  /** False when the rule is not within `scope`. */
  changeRule(id: number, scope: RuleScope, change: RuleChange): Promise<boolean>;
  removeRule(id: number, scope: RuleScope): Promise<boolean>;

  /** The 考点, if it exists within `within` (a site reviewer's own site, a regional administrator's region). */
  findRuleSite(siteCode: string, within: { siteCode?: string | null; regionCode?: string | null }): Promise<RuleSite | undefined>;
  /** The registrations of a 考点, by id. */
  siteCandidates(site: Pick<RuleSite, 'code' | 'regionCode'>): Promise<SiteCandidate[]>;
}

export type { Requirement };
