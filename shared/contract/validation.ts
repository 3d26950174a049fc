import { z } from 'zod'
import { AppError } from './envelope'

// zod's own Chinese messages for anything a schema does not word itself.
z.config(z.locales.zhCN())

/** Turns zod issues into `{ 'child.name': '请填写孩子姓名' }`, first problem per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (!(key in fields)) fields[key] = issue.message
  }
  return fields
}

/** Parses or throws INVALID_INPUT with per-field Chinese messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, message?: string): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) {
    const fields = fieldErrors(result.error)
    const first = Object.values(fields)[0]
    throw new AppError('INVALID_INPUT', message ?? (first ? `填写的内容有误：${first}` : undefined), fields)
  }
  return result.data
}

/**
 * Finds a key that the database would read as an operator (`$gt`, `$where`, …) anywhere in a
 * parsed input, and returns its dot-joined path. Schemas already refuse `{"$gt": ""}` where a
 * plain value is expected; this catches the places a schema lets free-form keys through.
 */
export function findOperatorKey(value: unknown, path: readonly string[] = []): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findOperatorKey(value[i], [...path, String(i)])
      if (found !== null) return found
    }
    return null
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return null
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$')) return [...path, key].join('.')
    const found = findOperatorKey(child, [...path, key])
    if (found !== null) return found
  }
  return null
}
