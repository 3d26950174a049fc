/** The aid collections (database/aid.json). */
export const AID = {
  config: 'aid_config',
  households: 'aid_households',
  householdMembers: 'aid_household_members',
  householdInvites: 'aid_household_invites',
  applications: 'aid_applications',
  grants: 'aid_grants',
  funds: 'aid_funds',
  fundMoves: 'aid_fund_moves',
  files: 'aid_files',
  notices: 'aid_notices',
  objections: 'aid_objections',
  uploads: 'aid_uploads',
  chunks: 'aid_upload_chunks',
  proxies: 'aid_proxies',
} as const

export const SCHOOL_KIND = 'aid.schoolAid'
export const HARDSHIP_KIND = 'aid.hardship'
export const AID_KINDS: readonly string[] = [SCHOOL_KIND, HARDSHIP_KIND]

/** The fund of a federation for a year. */
export const fundIdOf = (federationId: string, year: number): string => `${federationId}-${year}`

/** The aid page a message or a list opens for one application. */
export const applicationPage = (applicationId: string): string => `packages/aid/detail/index?id=${applicationId}`
