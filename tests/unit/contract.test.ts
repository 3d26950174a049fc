import { z } from 'zod'
import {
  AppError,
  CallEvent,
  ErrorCode,
  MAX_PAYLOAD_BYTES,
  defaultMessages,
  defineActions,
  envelopeOf,
  fail,
  fieldErrors,
  findOperatorKey,
  ok,
  parseOrThrow,
} from '../../shared/contract'
import { NickName, UpdateNicknameInput } from '../../shared/account/schemas'

const CJK = /[\u4e00-\u9fff]/

describe('envelope', () => {
  it('has a Chinese default message for every error code', () => {
    for (const code of ErrorCode.options) expect(defaultMessages[code]).toMatch(CJK)
  })

  it('wraps data in ok and errors in fail, with the default message unless one is given', () => {
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } })
    expect(fail('NOT_FOUND')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: defaultMessages.NOT_FOUND } })
    expect(fail('CONFLICT', '已被他人审批')).toEqual({ ok: false, error: { code: 'CONFLICT', message: '已被他人审批' } })
  })

  it('carries per-field problems only when there are some', () => {
    expect(fail('INVALID_INPUT', undefined, { name: '请填写姓名' }).error.fields).toEqual({ name: '请填写姓名' })
    expect('fields' in fail('INVALID_INPUT').error).toBe(false)
  })

  it('turns an AppError into the same envelope fail() would give', () => {
    const err = new AppError('FORBIDDEN', undefined, { unionId: '不是本会' })
    expect(err).toBeInstanceOf(Error)
    expect(err.toEnvelope()).toEqual(fail('FORBIDDEN', defaultMessages.FORBIDDEN, { unionId: '不是本会' }))
  })

  it('lets the client parse both arms of an answer and refuse codes outside the closed set', () => {
    const answer = envelopeOf(z.object({ n: z.number() }))
    expect(answer.parse({ ok: true, data: { n: 2, extra: 1 } })).toEqual({ ok: true, data: { n: 2 } })
    expect(answer.parse(fail('QUOTA'))).toEqual(fail('QUOTA'))
    expect(answer.safeParse({ ok: false, error: { code: 'TEAPOT', message: 'x' } }).success).toBe(false)
    expect(answer.safeParse({ ok: true, data: { n: '2' } }).success).toBe(false)
  })
})

describe('per-field validation', () => {
  const Form = z.object({
    name: z.string({ error: '请填写姓名' }).min(1, '请填写姓名'),
    child: z.object({ age: z.number({ error: '请填写年龄' }).int().min(6, '孩子需年满6岁') }),
  })

  it('keys problems by dot-joined field path, first problem per field', () => {
    const result = Form.safeParse({ name: 5, child: { age: 3.5 } })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(fieldErrors(result.error)).toEqual({ name: '请填写姓名', 'child.age': expect.stringMatching(CJK) })
    expect(Object.keys(fieldErrors(result.error))).toHaveLength(2)
  })

  it('puts a problem with the whole value under "_"', () => {
    const result = z.string().safeParse(1)
    if (result.success) throw new Error('should fail')
    expect(Object.keys(fieldErrors(result.error))).toEqual(['_'])
  })

  it('throws INVALID_INPUT whose message names the first problem and whose fields list them all', () => {
    let caught: unknown
    try {
      parseOrThrow(Form, { child: {} })
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(AppError)
    if (!(caught instanceof AppError)) return
    expect(caught.code).toBe('INVALID_INPUT')
    expect(caught.message).toBe('填写的内容有误：请填写姓名')
    expect(caught.fields).toEqual({ name: '请填写姓名', 'child.age': '请填写年龄' })
  })

  it('returns the parsed value, trimmed and stripped of undeclared keys', () => {
    expect(parseOrThrow(UpdateNicknameInput, { nickName: '  王芳 ', role: 'chair' })).toEqual({ nickName: '王芳' })
  })

  it('words problems in Chinese even where a schema gives no message of its own', () => {
    const result = z.object({ n: z.number() }).safeParse({ n: 'x' })
    if (result.success) throw new Error('should fail')
    expect(fieldErrors(result.error).n).toMatch(CJK)
  })

  it('explains each nickname problem in plain Chinese', () => {
    const problem = (v: unknown) => {
      const r = NickName.safeParse(v)
      return r.success ? null : r.error.issues[0]?.message
    }
    expect(problem('   ')).toBe('请填写昵称')
    expect(problem('工'.repeat(21))).toBe('昵称最多20个字')
    expect(problem('王\n芳')).toBe('昵称不能包含换行等特殊字符')
    expect(problem({ $gt: '' })).toBe('请填写昵称')
    expect(problem('工'.repeat(20))).toBeNull()
  })
})

describe('operator keys', () => {
  it('finds a $-key at any depth, inside arrays too, and names its path', () => {
    expect(findOperatorKey({ a: { b: [{ ok: 1 }, { $where: 'x' }] } })).toBe('a.b.1.$where')
    expect(findOperatorKey({ $gt: '' })).toBe('$gt')
    expect(findOperatorKey([{ $set: {} }])).toBe('0.$set')
  })

  it('lets plain values, dates and dollar signs inside strings through', () => {
    expect(findOperatorKey({ amount: 100, note: '$gt 不是键', at: new Date(), tags: ['a', '$b'], none: null })).toBeNull()
    expect(findOperatorKey('$gt')).toBeNull()
  })
})

describe('actions and calls', () => {
  it('declares each action once with its function, name and schemas', () => {
    const input = z.object({ id: z.string() })
    const output = z.object({ done: z.boolean() })
    const acts = defineActions('demo', { finish: [input, output] })
    expect(acts.finish).toEqual({ fn: 'demo', name: 'finish', input, output })
  })

  it('accepts {action, input} and drops what the platform adds beside it', () => {
    expect(CallEvent.parse({ action: 'whoami', userInfo: { openId: 'x' } })).toEqual({ action: 'whoami' })
    expect(CallEvent.safeParse({ input: {} }).success).toBe(false)
    expect(CallEvent.safeParse({ action: '' }).success).toBe(false)
    expect(CallEvent.safeParse({ action: { $gt: '' } }).success).toBe(false)
    expect(CallEvent.safeParse('whoami').success).toBe(false)
  })

  it('caps a call at the 100 KB WeChat allows', () => {
    expect(MAX_PAYLOAD_BYTES).toBe(102400)
  })
})
