import { approvesKind, canActAtStep, type ReviewerGrant } from '../../shared/requests/access'
import type { Step } from '../../shared/requests/schemas'
import { previousMonth } from '../../server/union/arrears'
import { monthOf } from '../../server/union/duesImport'

const step: Step = { unionId: 'u1', unionPath: ['root', 'u1'], unionName: '某工会', roles: ['chair', 'vice_chair'], label: '工会审批' }
const vice = (g: Partial<ReviewerGrant>): ReviewerGrant => ({ unionId: 'u1', unionPath: ['root', 'u1'], role: 'vice_chair', ...g })

describe('审批人 per kind', () => {
  it('lets a vice-chair decide only the kinds the chair named; the older all-kinds flag still covers every kind', () => {
    const expelOnly = vice({ approverKinds: ['membership.expel'] })
    expect(canActAtStep([expelOnly], step, 'membership.expel')).toBe(true)
    expect(canActAtStep([expelOnly], step, 'membership.join')).toBe(false)
    expect(canActAtStep([vice({ approver: true })], step, 'membership.join')).toBe(true)
    expect(canActAtStep([vice({ approverKinds: [] })], step, 'membership.expel')).toBe(false)
    // without a kind: does she decide anything at all
    expect(approvesKind(expelOnly)).toBe(true)
    expect(approvesKind(vice({}))).toBe(false)
  })
})

describe('会费 months', () => {
  it('steps back a month across the year', () => {
    expect(previousMonth('2025-01')).toBe('2024-12')
    expect(previousMonth('2025-10')).toBe('2025-09')
  })

  it('reads the ways a union office writes a month, and nothing else', () => {
    for (const text of ['2025-03', '2025-3', '2025/03', '2025年3月', '2025.3', '202503']) expect(monthOf(text)).toBe('2025-03')
    for (const text of ['三月', '2025-13', '25-03', '2025', '']) expect(monthOf(text)).toBeNull()
  })
})
