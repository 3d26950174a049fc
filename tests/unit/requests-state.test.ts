import { isClosed, transition, type KindFlow, type MachineState, type RequestEvent, type RequestStatus } from '../../shared/requests/state'

const hasChinese = /[\u4e00-\u9fa5]/

/** Every status at a representative step of a two-desk chain (初审 then 审批). */
const states: Record<RequestStatus, MachineState> = {
  draft: { status: 'draft', step: 0, chainLength: 2 },
  submitted: { status: 'submitted', step: 0, chainLength: 2 },
  in_review: { status: 'in_review', step: 1, chainLength: 2 },
  returned: { status: 'returned', step: 1, chainLength: 2 },
  approved: { status: 'approved', step: 1, chainLength: 2 },
  rejected: { status: 'rejected', step: 0, chainLength: 2 },
  withdrawn: { status: 'withdrawn', step: 0, chainLength: 2 },
  publicized: { status: 'publicized', step: 1, chainLength: 2 },
  disbursed: { status: 'disbursed', step: 1, chainLength: 2 },
}

const events: Record<string, RequestEvent> = {
  submit: { type: 'submit' },
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: '材料不全' },
  return: { type: 'return', reason: '请补充单位名称' },
  resubmit: { type: 'resubmit' },
  withdraw: { type: 'withdraw' },
  advanceToPublicized: { type: 'advance', to: 'publicized' },
}

type Expect = `${RequestStatus}@${number}` | 'CONFLICT'
const C = 'CONFLICT' as const

/** Where each event takes each status with no kind-specific flow. Written out by hand, row by row. */
const table: Record<RequestStatus, Record<keyof typeof events, Expect>> = {
  draft: { submit: 'submitted@0', approve: C, reject: C, return: C, resubmit: C, withdraw: 'withdrawn@0', advanceToPublicized: C },
  submitted: { submit: C, approve: 'in_review@1', reject: 'rejected@0', return: 'returned@0', resubmit: C, withdraw: 'withdrawn@0', advanceToPublicized: C },
  in_review: { submit: C, approve: 'approved@1', reject: 'rejected@1', return: 'returned@1', resubmit: C, withdraw: 'withdrawn@1', advanceToPublicized: C },
  returned: { submit: C, approve: C, reject: C, return: C, resubmit: 'submitted@0', withdraw: 'withdrawn@1', advanceToPublicized: C },
  approved: { submit: C, approve: C, reject: C, return: C, resubmit: C, withdraw: C, advanceToPublicized: C },
  rejected: { submit: C, approve: C, reject: C, return: C, resubmit: C, withdraw: C, advanceToPublicized: C },
  withdrawn: { submit: C, approve: C, reject: C, return: C, resubmit: C, withdraw: C, advanceToPublicized: C },
  publicized: { submit: C, approve: C, reject: C, return: C, resubmit: C, withdraw: C, advanceToPublicized: C },
  disbursed: { submit: C, approve: C, reject: C, return: C, resubmit: C, withdraw: C, advanceToPublicized: C },
}

const cases = Object.entries(table).flatMap(([status, row]) =>
  Object.entries(row).map(([event, expected]) => [status as RequestStatus, event, expected] as const),
)

describe('request state machine: every status × every event', () => {
  it.each(cases)('%s + %s → %s', (status, event, expected) => {
    const result = transition(states[status], events[event])
    if (expected === 'CONFLICT') {
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('CONFLICT')
        expect(result.error.message).toMatch(hasChinese)
      }
    } else {
      expect(result).toEqual({ ok: true, next: expect.objectContaining({ status: expected.split('@')[0], step: Number(expected.split('@')[1]) }) })
    }
  })

  it('covers all nine statuses and seven events', () => {
    expect(cases).toHaveLength(9 * 7)
  })
})

describe('approval along the chain', () => {
  it('approving at step 0 of a one-desk chain approves the request', () => {
    expect(transition({ status: 'submitted', step: 0, chainLength: 1 }, { type: 'approve' })).toEqual({
      ok: true,
      next: { status: 'approved', step: 0, closed: true },
    })
  })

  it('walks a three-desk chain one step per approval and approves at the last', () => {
    let state: MachineState = { status: 'submitted', step: 0, chainLength: 3 }
    const seen: string[] = []
    for (let i = 0; i < 3; i++) {
      const r = transition(state, { type: 'approve' })
      if (!r.ok) throw new Error(r.error.message)
      seen.push(`${r.next.status}@${r.next.step}`)
      state = { ...state, status: r.next.status, step: r.next.step }
    }
    expect(seen).toEqual(['in_review@1', 'in_review@2', 'approved@2'])
  })

  it('a resubmitted request starts again at the first desk', () => {
    const r = transition({ status: 'returned', step: 2, chainLength: 3 }, { type: 'resubmit' })
    expect(r).toEqual({ ok: true, next: { status: 'submitted', step: 0, closed: false } })
  })

  it('refuses a chain with no desk at all', () => {
    const r = transition({ status: 'submitted', step: 0, chainLength: 0 }, { type: 'approve' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_INPUT', field: 'step' })
  })
})

describe('reasons', () => {
  const pending: MachineState = { status: 'submitted', step: 0, chainLength: 1 }

  it.each(['reject', 'return'] as const)('%s without a reason is refused with a Chinese message on the reason field', (type) => {
    const r = transition(pending, { type })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' })
      expect(r.error.message).toBe('请填写原因')
    }
  })

  it.each(['reject', 'return'] as const)('%s with only spaces is refused', (type) => {
    const r = transition(pending, { type, reason: '   ' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' })
  })

  it.each(['reject', 'return'] as const)('%s accepts exactly 200 characters and refuses 201', (type) => {
    expect(transition(pending, { type, reason: '字'.repeat(200) }).ok).toBe(true)
    const r = transition(pending, { type, reason: '字'.repeat(201) })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe('原因不能超过200个字')
  })

  it('approve needs no reason but keeps a note within 200 characters', () => {
    expect(transition(pending, { type: 'approve' }).ok).toBe(true)
    expect(transition(pending, { type: 'approve', reason: '' }).ok).toBe(true)
    expect(transition(pending, { type: 'approve', reason: '同意' }).ok).toBe(true)
    expect(transition(pending, { type: 'approve', reason: '字'.repeat(201) }).ok).toBe(false)
  })

  it('a decision on a closed request is a CONFLICT even when its reason is also missing', () => {
    const r = transition({ status: 'approved', step: 0, chainLength: 1 }, { type: 'reject', reason: '' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('CONFLICT')
  })
})

describe('kind-specific states (aid: 公示 and 发放)', () => {
  const aid: KindFlow = {
    edges: [
      { from: 'approved', to: 'publicized' },
      { from: 'publicized', to: 'disbursed' },
      { from: 'publicized', to: 'in_review' },
    ],
  }

  it('approval is not the end when the kind continues after it', () => {
    const r = transition({ status: 'in_review', step: 1, chainLength: 2 }, { type: 'approve' }, aid)
    expect(r).toEqual({ ok: true, next: { status: 'approved', step: 1, closed: false } })
  })

  it('moves approved → publicized → disbursed and closes there', () => {
    const a = transition({ status: 'approved', step: 1, chainLength: 2 }, { type: 'advance', to: 'publicized' }, aid)
    expect(a).toEqual({ ok: true, next: { status: 'publicized', step: 1, closed: false } })
    const b = transition({ status: 'publicized', step: 1, chainLength: 2 }, { type: 'advance', to: 'disbursed' }, aid)
    expect(b).toEqual({ ok: true, next: { status: 'disbursed', step: 1, closed: true } })
  })

  it('an objection during 公示 reopens a named desk, and only an existing one', () => {
    const ok = transition({ status: 'publicized', step: 1, chainLength: 2 }, { type: 'advance', to: 'in_review', step: 0 }, aid)
    expect(ok).toEqual({ ok: true, next: { status: 'in_review', step: 0, closed: false } })
    const bad = transition({ status: 'publicized', step: 1, chainLength: 2 }, { type: 'advance', to: 'in_review', step: 2 }, aid)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'step' })
  })

  it('refuses a move the kind did not declare (approved straight to disbursed)', () => {
    const r = transition({ status: 'approved', step: 1, chainLength: 2 }, { type: 'advance', to: 'disbursed' }, aid)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe('当前状态「已通过」不能变为「已发放」')
  })

  it('the last approval lands on the kind’s own status when it names one', () => {
    const flow: KindFlow = { approvedStatus: 'publicized', edges: [{ from: 'publicized', to: 'disbursed' }] }
    const r = transition({ status: 'submitted', step: 0, chainLength: 1 }, { type: 'approve' }, flow)
    expect(r).toEqual({ ok: true, next: { status: 'publicized', step: 0, closed: false } })
  })

  it('isClosed: rejected and withdrawn always close; approved closes only without a following edge', () => {
    expect(isClosed('rejected', aid)).toBe(true)
    expect(isClosed('withdrawn', aid)).toBe(true)
    expect(isClosed('approved')).toBe(true)
    expect(isClosed('approved', aid)).toBe(false)
    expect(isClosed('returned')).toBe(false)
    expect(isClosed('submitted')).toBe(false)
    expect(isClosed('draft')).toBe(false)
  })
})
