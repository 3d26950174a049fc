import { z } from 'zod'

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and 23 capital letters (no I, O, Z, S, V);
 * the last is a check character: 31 − (Σ value×weight mod 31), where 31 becomes 0.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character the first 17 characters call for, or null when one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i])
    if (value < 0) return null
    sum += value * WEIGHTS[i]
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

export type CreditCodeProblem = 'length' | 'chars' | 'check'

export const creditCodeMessage: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码是18位，请对照营业执照核对',
  chars: '统一社会信用代码只含数字和大写字母（没有 I、O、Z、S、V），请对照营业执照核对',
  check: '统一社会信用代码的最后一位校验码不对，请对照营业执照逐位核对',
}

/** What is wrong with a code, or null when it is well formed and its check character matches. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length'
  if (![...code].every((c) => CHARSET.includes(c))) return 'chars'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check'
}

/** A code as typed: spaces dropped, letters upper-cased, then checked. */
export const CreditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .transform((s) => s.replace(/\s/g, '').toUpperCase())
  .superRefine((code, ctx) => {
    if (!code) ctx.addIssue({ code: 'custom', message: '请填写统一社会信用代码' })
    else {
      const problem = creditCodeProblem(code)
      if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessage[problem] })
    }
  })
