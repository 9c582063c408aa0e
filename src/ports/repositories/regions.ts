/** A 考区 with its upload switch and its upload and review windows (null: open-ended). */
export interface Region {
  code: string;
  name: string;
  uploadEnabled: boolean;
  uploadOpensAt: Date | null;
  uploadClosesAt: Date | null;
  reviewOpensAt: Date | null;
  reviewClosesAt: Date | null;
}

export type RegionSettings = Omit<Region, 'code' | 'name'>;

/** A 考点 of a region. */
export interface Site {
  code: string;
  regionCode: string;
  name: string;
}

/** A region's 公告 to its candidates. */
export interface Announcement {
  title: string;
  body: string;
  link: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}

/**
 * Regions, sites and regional announcements. `regionScope` confines a read or write to one
 * region (a regional administrator's); null: every region.
 */
export interface RegionsRepository {
  list(regionScope: string | null): Promise<Region[]>;
  find(code: string, regionScope?: string | null): Promise<Region | undefined>;
  exists(code: string): Promise<boolean>;
  insert(region: Region): Promise<void>;
  updateSettings(code: string, settings: RegionSettings, regionScope: string | null): Promise<boolean>;
  rename(code: string, name: string, regionScope: string | null): Promise<boolean>;

  sites(regionScope: string | null): Promise<Site[]>;
  findSite(code: string, regionScope?: string | null): Promise<Site | undefined>;
  insertSites(sites: readonly Site[]): Promise<void>;
  renameSite(code: string, name: string, regionScope: string | null): Promise<boolean>;

  /** Candidates per 考点 code. */
  candidatesPerSite(regionScope: string | null): Promise<Map<string, number>>;
  /** The region's candidates per registration status. */
  candidatesPerStatus(regionCode: string): Promise<Map<string, number>>;
  /** The region a registration belongs to. */
  regionOfRegistration(registrationId: string): Promise<string | undefined>;

  announcement(regionCode: string): Promise<Announcement | undefined>;
  /** Publishes or replaces the region's announcement. */
  publishAnnouncement(regionCode: string, announcement: Announcement): Promise<void>;
  withdrawAnnouncement(regionCode: string): Promise<void>;
}
