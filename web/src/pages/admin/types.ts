/**
 * Shapes of the administration API: the server's contracts (src/contracts/admin.ts and
 * catalog.ts, the same schemas that validate requests and serialise responses), types only.
 * Nothing here is written by hand.
 */
import type { z } from 'zod';
import type { ExamCategoryBody, ExamCategoryRenameBody, MaterialBody, MaterialPatchBody, RuleBody, RulePatchBody, SiteRuleBody } from '../../../../src/contracts/catalog.js';
import type { AnnouncementBody, RegionSettingsBody } from '../../../../src/contracts/admin.js';

export type {
  SiteItem, RegionSettings, RegionItem, RegionList, Account, AccountRole, AccountPage, AccountWithPassword, PasswordReset, RowProblem, ImportResult, ImportHistory, ImportHistoryItem, NewAccount,
  UploadImpact, SiteCreated, SiteRenamed,
} from '../../../../src/contracts/admin.js';
export type { AnnouncementEnvelope } from '../../../../src/contracts/candidate.js';
export type {
  Catalog, ExamCategoryItem, MaterialItem, Preview, PreviewItem, Requirement as RequirementKind, Rule, RuleList, SiteRuleChange, SiteRuleList,
} from '../../../../src/contracts/catalog.js';
export type { CodeName } from '../../../../src/contracts/common.js';

/** The bodies the forms send (what the contract accepts). */
export type RuleInput = z.input<typeof RuleBody>;
export type RulePatch = z.input<typeof RulePatchBody>;
export type SiteRuleInput = z.input<typeof SiteRuleBody>;
export type MaterialInput = z.input<typeof MaterialBody>;
export type MaterialPatch = z.input<typeof MaterialPatchBody>;
export type AnnouncementInput = z.input<typeof AnnouncementBody>;
export type RegionSettingsInput = z.input<typeof RegionSettingsBody>;
export type ExamCategoryInput = z.input<typeof ExamCategoryBody>;
export type ExamCategoryRenameInput = z.input<typeof ExamCategoryRenameBody>;
