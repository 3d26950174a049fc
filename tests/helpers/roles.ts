import type { RoleRecord } from '../../shared/domain/union'

/** A role document as the seed writes one, for tests that seed their own people. */
export const role = (openid: string, unionId: string, r: RoleRecord['role'], unionPath: string[]): RoleRecord => ({
  _id: `r-${openid}-${unionId}-${r}`,
  openid,
  unionId,
  role: r,
  unionPath,
  grantedAt: new Date('2024-01-01T00:00:00Z'),
  grantedBy: 'seed',
})
