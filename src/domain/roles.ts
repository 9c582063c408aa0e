/** Who an account is: a candidate, or staff at one of three levels. One definition for server and web. */
export type Role = 'candidate' | 'site_reviewer' | 'region_reviewer' | 'admin';

/** The roles an administrator can give a staff account. */
export type StaffRole = Exclude<Role, 'candidate'>;
