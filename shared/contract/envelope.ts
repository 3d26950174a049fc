import { z } from 'zod'

/** The closed set of error codes every action may answer with (architecture §4). */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'QUOTA',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_ACTION',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

/** Default Chinese message per code, written for the person holding the phone. */
export const defaultMessages: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查标红的项目',
  UNAUTHENTICATED: '请先登录微信后再试',
  FORBIDDEN: '您没有权限进行这项操作',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFLICT: '内容已被他人处理或已变化，请刷新后再试',
  QUOTA: '操作太频繁或已超出限额，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容太大，请减少内容或压缩图片后再试',
  UNKNOWN_ACTION: '该功能暂不可用，请更新小程序后再试',
  INTERNAL: '系统开小差了，请稍后再试，已填写的内容不会丢失',
}

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** form field path (dot-joined) → Chinese problem description */
  fields: z.record(z.string(), z.string()).optional(),
})
export type AppErrorShape = z.infer<typeof AppErrorShape>

export type Ok<T> = { ok: true; data: T }
export type Fail = { ok: false; error: AppErrorShape }
export type Envelope<T> = Ok<T> | Fail

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })
export const fail = (code: ErrorCode, message?: string, fields?: Record<string, string>): Fail => ({
  ok: false,
  error: fields ? { code, message: message ?? defaultMessages[code], fields } : { code, message: message ?? defaultMessages[code] },
})

/** Thrown inside handlers; the router turns it into a Fail envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? defaultMessages[code])
    this.name = 'AppError'
  }
  toEnvelope(): Fail {
    return fail(this.code, this.message, this.fields)
  }
}

/** Envelope schema for a given data schema: the client parses every answer with it. */
export const envelopeOf = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: AppErrorShape })])
