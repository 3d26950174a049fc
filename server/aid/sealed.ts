import type { z } from 'zod'
import { HouseholdDoc, StoredHouseholdDoc } from '../../shared/aid/records'
import { HouseholdProfile } from '../../shared/aid/household'
import type { SealedField } from '../../shared/privacy/sealed'
import { openSensitive, sealSensitive } from '../privacy/crypto'

/**
 * Aid data that reveals hardship, health or a child (household income and health, the child's school,
 * the statement, the home-visit note, medical costs, per-capita income) is sealed at rest like ID and
 * bank numbers (architecture §5). It shows nowhere masked, so the masked form is empty; what lists and
 * queries need sits beside it in clear (an income bracket, the hardship level).
 */

export const sealText = (plain: string): SealedField => sealSensitive(plain, () => '')
export const openText = (sealed: SealedField): string => openSensitive(sealed)

/** An objection's text for a reviewer: sealed since objections were sealed, in clear in older records. */
export const objectionText = (o: { text: SealedField | string }): string => (typeof o.text === 'string' ? o.text : openText(o.text))

export const sealJson = (value: unknown): SealedField => sealText(JSON.stringify(value))
export function openJson<S extends z.ZodType>(sealed: SealedField, schema: S): z.output<S> {
  return schema.parse(JSON.parse(openText(sealed)))
}

/** Household income per month, in bands of yuan: enough for statistics, too coarse to tell a family's figure. */
export function incomeBracket(monthlyFen: number): string {
  const yuan = Math.max(0, monthlyFen) / 100
  const bands: Array<[number, string]> = [
    [1000, '1000元以下'],
    [2000, '1000-2000元'],
    [4000, '2000-4000元'],
    [6000, '4000-6000元'],
    [10000, '6000-10000元'],
  ]
  return bands.find(([top]) => yuan < top)?.[1] ?? '10000元及以上'
}

const householdMonthlyFen = (p: HouseholdProfile): number =>
  p.members.reduce((sum, m) => sum + m.monthlyIncomeFen, 0) + Math.round(p.otherAnnualIncomeFen / 12)

/** The stored form of a household: the profile sealed, its income bracket beside it. */
export function sealHousehold(doc: z.input<typeof HouseholdDoc>): Omit<StoredHouseholdDoc, '_id'> {
  const { _id, profile, ...rest } = HouseholdDoc.parse(doc)
  return { ...rest, sealedProfile: sealJson(profile), incomeBracket: incomeBracket(householdMonthlyFen(profile)) }
}

export function openHousehold(raw: unknown): HouseholdDoc {
  const { sealedProfile, incomeBracket: _bracket, ...rest } = StoredHouseholdDoc.parse(raw)
  return { ...rest, profile: openJson(sealedProfile, HouseholdProfile) }
}
