import { z } from 'zod'

/** 银行卡号: 12–19 digits (UnionPay debit cards are mostly 16–19) with a Luhn check digit. */
export const BANK_CARD_MIN = 12
export const BANK_CARD_MAX = 19

export const bankCardMessages = {
  required: '请填写银行卡号',
  format: '银行卡号只能是数字',
  length: `银行卡号应为${BANK_CARD_MIN}到${BANK_CARD_MAX}位数字`,
  checkDigit: '银行卡号有误，请对照银行卡核对',
} as const
export type BankCardProblem = keyof typeof bankCardMessages

/** Removes the spaces and dashes people type between groups of digits. */
export function normalizeBankCard(raw: string): string {
  return raw.replace(/[\s\u3000-]/g, '')
}

/** Luhn (ISO/IEC 7812-1): from the right, double every second digit, sum the digits; valid when the sum ends in 0. */
export function luhnSum(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum
}

/** The digit to append to `body` so that the whole number passes Luhn. */
export function luhnCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) throw new Error('luhnCheckDigit needs digits')
  return String((10 - (luhnSum(body + '0') % 10)) % 10)
}

export function findBankCardProblem(card: string): BankCardProblem | null {
  if (card.length === 0) return 'required'
  if (!/^\d+$/.test(card)) return 'format'
  if (card.length < BANK_CARD_MIN || card.length > BANK_CARD_MAX) return 'length'
  if (luhnSum(card) % 10 !== 0) return 'checkDigit'
  return null
}

export const BankCard = z
  .string({ error: bankCardMessages.required })
  .transform(normalizeBankCard)
  .superRefine((card, ctx) => {
    const problem = findBankCardProblem(card)
    if (problem) ctx.addIssue({ code: 'custom', message: bankCardMessages[problem] })
  })
export type BankCard = z.output<typeof BankCard>
