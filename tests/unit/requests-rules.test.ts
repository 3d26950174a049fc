import { canActAtStep, canSeeRequest, actingGrant, type ReviewerGrant } from '../../shared/requests/access'
import { addWorkingDays, parseSlaConfig, slaWorkingDaysFor } from '../../shared/requests/sla'
import { chainProgress, cursorOf, parseCursor } from '../../shared/requests/views'
import type { Step } from '../../shared/requests/schemas'
import { formatDateTime } from '../../shared/date'

const build: Step = {
  unionId: 'u-build',
  unionPath: ['u-district', 'u-street-wangjing', 'u-build'],
  unionName: '北京某建筑工程有限公司工会',
  roles: ['chair', 'vice_chair'],
  label: '基层工会审核',
}
const street: Step = {
  unionId: 'u-street-wangjing',
  unionPath: ['u-district', 'u-street-wangjing'],
  unionName: '望京街道工会联合会',
  roles: ['staff'],
  label: '街道工会审批',
}
const grant = (role: ReviewerGrant['role'], unionId: string, unionPath: string[], approver?: boolean): ReviewerGrant =>
  approver === undefined ? { role, unionId, unionPath } : { role, unionId, unionPath, approver }

describe('who may decide at a step', () => {
  it('the chair of the step’s union may act', () => {
    expect(canActAtStep([grant('chair', 'u-build', build.unionPath)], build)).toBe(true)
  })
  it('the chair of another grassroots union may not', () => {
    expect(canActAtStep([grant('chair', 'u-tech', ['u-district', 'u-street-wangjing', 'u-tech'])], build)).toBe(false)
  })
  it('a vice-chair acts only once the chair has designated them', () => {
    expect(canActAtStep([grant('vice_chair', 'u-build', build.unionPath)], build)).toBe(false)
    expect(canActAtStep([grant('vice_chair', 'u-build', build.unionPath, false)], build)).toBe(false)
    expect(canActAtStep([grant('vice_chair', 'u-build', build.unionPath, true)], build)).toBe(true)
  })
  it('members and committee members never act', () => {
    expect(canActAtStep([grant('member', 'u-build', build.unionPath), grant('committee', 'u-build', build.unionPath)], build)).toBe(false)
  })
  it('staff of the street federation reach the grassroots step below them', () => {
    expect(canActAtStep([grant('staff', 'u-street-wangjing', street.unionPath)], build)).toBe(true)
  })
  it('staff of a sibling federation do not', () => {
    expect(canActAtStep([grant('staff', 'u-street-gig', ['u-district', 'u-street-gig'])], build)).toBe(false)
  })
  it('a grassroots chair cannot act at the federation step above', () => {
    expect(canActAtStep([grant('chair', 'u-build', build.unionPath)], street)).toBe(false)
  })
  it('a chair whose role the step does not name cannot act there', () => {
    expect(canActAtStep([grant('chair', 'u-street-wangjing', street.unionPath)], street)).toBe(false)
  })
  it('the acting grant prefers the own-union role over a supervising one', () => {
    const both = [grant('staff', 'u-district', ['u-district']), grant('chair', 'u-build', build.unionPath)]
    expect(actingGrant(both, build)?.role).toBe('chair')
    expect(actingGrant([grant('member', 'u-build', build.unionPath)], build)).toBeNull()
  })
})

describe('who may read a request', () => {
  const request = { chain: [build, street], applicantOpenid: 'demo-migrant' }
  it('its applicant', () => expect(canSeeRequest('demo-migrant', [], request)).toBe(true))
  it('a reviewer of an earlier desk, after the request moved on', () =>
    expect(canSeeRequest('demo-chair', [grant('chair', 'u-build', build.unionPath)], request)).toBe(true))
  it('not another worker', () => expect(canSeeRequest('demo-worker', [grant('member', 'u-tech', ['u-tech'])], request)).toBe(false))
  it('not an empty identity', () => expect(canSeeRequest('', [], { ...request, applicantOpenid: '' })).toBe(false))
})

describe('working-day deadlines (Asia/Shanghai, weekends skipped)', () => {
  const at = (s: string) => new Date(s)
  it('5 working days from a Monday is the next Monday, same time', () => {
    expect(formatDateTime(addWorkingDays(at('2025-03-03T10:00:00+08:00'), 5))).toBe('2025年3月10日 10:00')
  })
  it('1 working day from a Friday is the Monday', () => {
    expect(formatDateTime(addWorkingDays(at('2025-03-07T16:30:00+08:00'), 1))).toBe('2025年3月10日 16:30')
  })
  it('a Saturday submission with 1 working day is due Monday', () => {
    expect(formatDateTime(addWorkingDays(at('2025-03-08T09:00:00+08:00'), 1))).toBe('2025年3月10日 09:00')
  })
  it('counts the day in China even when UTC is still on the day before', () => {
    // Friday 01:00 in Beijing is Thursday 17:00 UTC: the deadline follows China's calendar.
    expect(formatDateTime(addWorkingDays(at('2025-03-07T01:00:00+08:00'), 1))).toBe('2025年3月10日 01:00')
  })
  it('skips configured holidays', () => {
    expect(formatDateTime(addWorkingDays(at('2025-09-30T10:00:00+08:00'), 1, new Set(['2025-10-01', '2025-10-02', '2025-10-03'])))).toBe('2025年10月6日 10:00')
  })
  it('0 working days is the same moment; a negative count is a programming error', () => {
    const from = at('2025-03-03T10:00:00+08:00')
    expect(addWorkingDays(from, 0).getTime()).toBe(from.getTime())
    expect(() => addWorkingDays(from, -1)).toThrow()
  })
})

describe('chain progress as the applicant sees it', () => {
  const chain = [build, street]
  const states = (status: Parameters<typeof chainProgress>[0]['status'], step: number) => chainProgress({ chain, status, step }).map((s) => s.state)
  it('first desk current, second waiting', () => expect(states('submitted', 0)).toEqual(['current', 'waiting']))
  it('second desk current after the first approved', () => expect(states('in_review', 1)).toEqual(['done', 'current']))
  it('all done once approved', () => expect(states('approved', 1)).toEqual(['done', 'done']))
  it('stopped where it was rejected', () => expect(states('rejected', 1)).toEqual(['done', 'stopped']))
  it('stopped where it was returned', () => expect(states('returned', 0)).toEqual(['stopped', 'waiting']))
})

describe('range cursor', () => {
  it('round-trips the time and id of the last item', () => {
    const item = { submittedAt: new Date('2025-03-03T02:00:00Z'), _id: 'req_01-a' }
    expect(parseCursor(cursorOf(item))).toEqual({ at: item.submittedAt, id: 'req_01-a' })
  })
})

describe('办理时限 configuration', () => {
  it('takes the deployment’s per-kind value first, then the kind’s, then the deployment default, then 5', () => {
    const config = parseSlaConfig('{"default":7,"kinds":{"aid.schoolAid":10}}')
    expect(slaWorkingDaysFor('aid.schoolAid', 3, config)).toBe(10)
    expect(slaWorkingDaysFor('membership.join', 3, config)).toBe(3)
    expect(slaWorkingDaysFor('membership.join', undefined, config)).toBe(7)
    expect(slaWorkingDaysFor('membership.join', undefined, parseSlaConfig(undefined))).toBe(5)
  })
  it('falls back to the defaults when the configuration cannot be read', () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(parseSlaConfig('{"default":0}')).toEqual({ kinds: {}, holidays: [] })
    expect(parseSlaConfig('not json')).toEqual({ kinds: {}, holidays: [] })
    expect(quiet).toHaveBeenCalledTimes(2)
    quiet.mockRestore()
  })
  it('reads holidays', () => {
    expect(parseSlaConfig('{"holidays":["2025-10-01"]}').holidays).toEqual(['2025-10-01'])
  })
})
