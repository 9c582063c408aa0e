/** The administration calls of the web client, over the shared HTTP client (cookie, CSRF, language). */
import { request } from '../../api/client';
import type {
  Account, AccountPage, AccountWithPassword, AnnouncementEnvelope, AnnouncementInput, Catalog, CodeName, ExamCategoryInput, ExamCategoryRenameInput, PasswordReset, RegionSettingsInput, SiteCreated, SiteRenamed, UploadImpact, ImportHistory, ImportResult, MaterialInput, MaterialItem, MaterialPatch, NewAccount, Preview, RegionList, RegionSettings, Rule,
  RuleInput, RuleList, RulePatch, SiteRuleChange, SiteRuleInput, SiteRuleList,
} from './types';

const enc = encodeURIComponent;
const fileForm = (file: Blob, name: string) => {
  const form = new FormData();
  form.append('file', file, name);
  return form;
};

export const adminApi = {
  regions(): Promise<RegionList> {
    return request<RegionList>('GET', '/api/v1/admin/regions', { retry: true });
  },
  createRegion(code: string, name: string): Promise<RegionSettings> {
    return request<RegionSettings>('POST', '/api/v1/admin/regions', { json: { code, name } });
  },
  renameRegion(code: string, name: string): Promise<RegionSettings> {
    return request<RegionSettings>('PATCH', `/api/v1/admin/regions/${enc(code)}`, { json: { name } });
  },
  /** How many candidates switching upload off for the region would affect. */
  uploadImpact(code: string): Promise<UploadImpact> {
    return request('GET', `/api/v1/admin/regions/${enc(code)}/upload-impact`);
  },
  announcement(code: string): Promise<AnnouncementEnvelope> {
    return request('GET', `/api/v1/admin/regions/${enc(code)}/announcement`);
  },
  publishAnnouncement(code: string, a: AnnouncementInput): Promise<AnnouncementEnvelope> {
    return request('PUT', `/api/v1/admin/regions/${enc(code)}/announcement`, { json: a });
  },
  withdrawAnnouncement(code: string): Promise<void> {
    return request('DELETE', `/api/v1/admin/regions/${enc(code)}/announcement`);
  },
  updateSettings(code: string, patch: RegionSettingsInput): Promise<RegionSettings> {
    return request<RegionSettings>('PUT', `/api/v1/admin/regions/${enc(code)}/settings`, { json: patch });
  },
  createSite(regionCode: string, code: string, name: string): Promise<SiteCreated> {
    return request('POST', `/api/v1/admin/regions/${enc(regionCode)}/sites`, { json: { code, name } });
  },
  renameSite(code: string, name: string): Promise<SiteRenamed> {
    return request('PATCH', `/api/v1/admin/sites/${enc(code)}`, { json: { name } });
  },

  rules(regionCode: string | null): Promise<RuleList> {
    return request<RuleList>('GET', `/api/v1/admin/requirement-rules${regionCode ? `?regionCode=${enc(regionCode)}` : ''}`, { retry: true });
  },
  createRule(input: RuleInput): Promise<Rule> {
    return request<Rule>('POST', '/api/v1/admin/requirement-rules', { json: input });
  },
  updateRule(id: number, patch: RulePatch): Promise<Rule> {
    return request<Rule>('PATCH', `/api/v1/admin/requirement-rules/${id}`, { json: patch });
  },
  deleteRule(id: number): Promise<void> {
    return request<void>('DELETE', `/api/v1/admin/requirement-rules/${id}`);
  },
  preview(regionCode: string, examCategoryCode: string, situations: string[]): Promise<Preview> {
    const q = `regionCode=${enc(regionCode)}&examCategoryCode=${enc(examCategoryCode)}&situations=${enc(situations.join(','))}`;
    return request('GET', `/api/v1/admin/requirement-rules/preview?${q}`, { retry: true });
  },

  /** A 考点's own rules (site staff, the region's and national administrators). */
  siteRules(siteCode: string): Promise<SiteRuleList> {
    return request<SiteRuleList>('GET', `/api/v1/admin/sites/${enc(siteCode)}/requirement-rules`, { retry: true });
  },
  createSiteRule(siteCode: string, input: SiteRuleInput): Promise<Rule & SiteRuleChange> {
    return request('POST', `/api/v1/admin/sites/${enc(siteCode)}/requirement-rules`, { json: { ...input, requirement: 'required' } });
  },
  deleteSiteRule(siteCode: string, id: number): Promise<SiteRuleChange> {
    return request('DELETE', `/api/v1/admin/sites/${enc(siteCode)}/requirement-rules/${id}`);
  },
  sitePreview(siteCode: string, examCategoryCode: string, situations: string[]): Promise<Preview> {
    const q = `examCategoryCode=${enc(examCategoryCode)}&situations=${enc(situations.join(','))}`;
    return request('GET', `/api/v1/admin/sites/${enc(siteCode)}/requirement-rules/preview?${q}`, { retry: true });
  },

  catalog(): Promise<Catalog> {
    return request<Catalog>('GET', '/api/v1/admin/catalog', { retry: true });
  },
  createMaterial(input: MaterialInput): Promise<MaterialItem> {
    return request<MaterialItem>('POST', '/api/v1/admin/catalog/materials', { json: input });
  },
  updateMaterial(code: string, patch: MaterialPatch): Promise<MaterialItem> {
    return request<MaterialItem>('PATCH', `/api/v1/admin/catalog/materials/${enc(code)}`, { json: patch });
  },
  deleteMaterial(code: string): Promise<void> {
    return request<void>('DELETE', `/api/v1/admin/catalog/materials/${enc(code)}`);
  },
  uploadExample(code: string, file: Blob, name: string): Promise<MaterialItem> {
    return request<MaterialItem>('PUT', `/api/v1/admin/catalog/materials/${enc(code)}/example`, { body: fileForm(file, name) });
  },
  resetExample(code: string): Promise<MaterialItem> {
    return request<MaterialItem>('DELETE', `/api/v1/admin/catalog/materials/${enc(code)}/example`);
  },
  createExamCategory(code: string, name: string, nameEn: string | null): Promise<CodeName> {
    const body: ExamCategoryInput = { code, name, nameEn };
    return request('POST', '/api/v1/admin/catalog/exam-categories', { json: body });
  },
  renameExamCategory(code: string, name: string, nameEn: string | null): Promise<CodeName> {
    const body: ExamCategoryRenameInput = { name, nameEn };
    return request('PATCH', `/api/v1/admin/catalog/exam-categories/${enc(code)}`, { json: body });
  },

  accounts(q: { role?: string; q?: string; page: number; pageSize: number }): Promise<AccountPage> {
    const params = new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize) });
    if (q.role) params.set('role', q.role);
    if (q.q) params.set('q', q.q);
    return request<AccountPage>('GET', `/api/v1/admin/accounts?${params}`, { retry: true });
  },
  createAccount(input: NewAccount): Promise<AccountWithPassword> {
    return request('POST', '/api/v1/admin/accounts', { json: input });
  },
  setDisabled(id: string, disabled: boolean): Promise<Account> {
    return request<Account>('POST', `/api/v1/admin/accounts/${enc(id)}/${disabled ? 'disable' : 'enable'}`);
  },
  resetPassword(id: string): Promise<PasswordReset> {
    return request('POST', `/api/v1/admin/accounts/${enc(id)}/reset-password`);
  },

  importFile(file: Blob, name: string): Promise<ImportResult> {
    return request<ImportResult>('POST', '/api/v1/admin/registrations/import', { body: fileForm(file, name) });
  },
  imports(): Promise<ImportHistory> {
    return request<ImportHistory>('GET', '/api/v1/admin/registrations/imports', { retry: true });
  },
};
