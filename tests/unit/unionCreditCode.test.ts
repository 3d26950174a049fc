import { CreditCode, creditCodeCheckChar, creditCodeProblem } from '../../shared/union/creditCode'
import { mayDissolve, mayRemove, mayRegisterUnder } from '../../shared/union/officers'
import { mayInvite } from '../../shared/union/invitations'

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts published codes and computes their check characters', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) {
      expect(creditCodeProblem(code)).toBeNull()
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17])
    }
  })

  it('names what is wrong: length, a letter the standard leaves out, the check character', () => {
    expect(creditCodeProblem('9135010')).toBe('length')
    expect(creditCodeProblem('91350100M000100YI3')).toBe('chars')
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check')
  })

  it('reads a code typed with spaces and small letters', () => {
    expect(CreditCode.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43')
    expect(CreditCode.safeParse('').error?.issues[0].message).toBe('请填写统一社会信用代码')
  })
})

describe('who may change a union', () => {
  const street = { unionId: 'u-street', role: 'staff' as const, unionPath: ['u-root', 'u-street'] }
  const chair = { unionId: 'u-a', role: 'chair' as const, unionPath: ['u-root', 'u-street', 'u-a'] }
  const a = { _id: 'u-a', path: ['u-root', 'u-street', 'u-a'], level: 'grassroots' as const }
  const streetUnion = { _id: 'u-street', path: ['u-root', 'u-street'], level: 'street' as const }

  it('lets staff over a union invite any office, and its chair only vice-chairs and committee members', () => {
    expect(mayInvite([street], a, 'chair')).toBe(true)
    expect(mayInvite([street], a, 'staff')).toBe(false)
    expect(mayInvite([chair], a, 'chair')).toBe(false)
    expect(mayInvite([chair], a, 'committee')).toBe(true)
  })

  it('keeps 注销 with the federation above and 建会 under federations only', () => {
    expect(mayDissolve([street], a)).toBe(true)
    expect(mayDissolve([chair], a)).toBe(false)
    expect(mayDissolve([street], streetUnion)).toBe(false)
    expect(mayRegisterUnder([street], streetUnion)).toBe(true)
    expect(mayRegisterUnder([street], a)).toBe(false)
    expect(mayRemove([chair], a, 'chair')).toBe(false)
    expect(mayRemove([chair], a, 'vice_chair')).toBe(true)
  })
})
