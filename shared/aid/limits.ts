import { z } from 'zod'
import { schemeLabel, SchemeCode, type SchemeConfig } from './config'

/**
 * 不重复救助: what a household (keyed by the keyed hash of the head's ID number) and a child
 * (keyed by the hash of the child's ID number) have already been granted.
 */
export const GrantRecord = z.object({
  scheme: SchemeCode,
  year: z.number().int(),
  householdKey: z.string(),
  /** 金秋助学 only */
  childKey: z.string().nullable(),
})
export type GrantRecord = z.infer<typeof GrantRecord>

/** 每个孩子每年只资助一次 (金秋助学). */
export function onePerChildProblem(grants: readonly GrantRecord[], childKey: string, year: number): string | null {
  const taken = grants.some((g) => g.scheme === 'school' && g.childKey === childKey && g.year === year)
  return taken ? `这个孩子${year}年已经获得过金秋助学资助，每个孩子每年只能资助一次。` : null
}

/**
 * No double aid for a household in one year: the same scheme twice, or two schemes of the same
 * exclusive group (生活救助 and 医疗救助 when the federation allows only one kind a year).
 * 金秋助学 is per child and checked by onePerChildProblem.
 */
export function doubleAidProblem(
  grants: readonly GrantRecord[],
  scheme: Pick<SchemeConfig, 'code' | 'exclusiveGroup'>,
  schemes: ReadonlyArray<Pick<SchemeConfig, 'code' | 'exclusiveGroup'>>,
  householdKey: string,
  year: number,
): string | null {
  if (scheme.code === 'school') return null
  const mine = grants.filter((g) => g.householdKey === householdKey && g.year === year)
  if (mine.some((g) => g.scheme === scheme.code)) return `您家${year}年已经领取过${schemeLabel[scheme.code]}，同一项目每年只能领取一次。`
  if (scheme.exclusiveGroup !== null) {
    const group = scheme.exclusiveGroup
    const other = mine.find((g) => g.scheme !== scheme.code && schemes.some((s) => s.code === g.scheme && s.exclusiveGroup === group))
    if (other) return `您家${year}年已经领取过${schemeLabel[other.scheme]}，生活救助和医疗救助每户每年只能享受一种，不能重复救助。`
  }
  return null
}

/**
 * 金秋助学 exclusions (domain.md A11): military academies, free-tuition normal-school or targeted
 * students, and students already funded by government or another organisation.
 */
export function schoolExclusionProblem(declared: { specialFunded: boolean; otherFunding: boolean }): string | null {
  if (declared.specialFunded) return '就读军事院校、公费师范生或定向培养的学生不在金秋助学范围内。'
  if (declared.otherFunding) return '孩子今年已获得政府或其他组织的助学资助，金秋助学不重复资助。'
  return null
}

/**
 * The grant keys an approval takes (stored as document ids, so two approvals cannot both take one):
 * per child per year for 金秋助学; per household, year and scheme or exclusive group otherwise.
 */
export function grantKeys(scheme: Pick<SchemeConfig, 'code' | 'exclusiveGroup'>, year: number, householdKey: string, childKey: string | null): string[] {
  if (scheme.code === 'school') {
    if (!childKey) throw new Error('金秋助学 needs a child key')
    return [`school-${year}-c-${childKey}`]
  }
  const keys = [`${scheme.code}-${year}-h-${householdKey}`]
  if (scheme.exclusiveGroup !== null) keys.push(`${scheme.exclusiveGroup}-${year}-h-${householdKey}`)
  return keys
}
