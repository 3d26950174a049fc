/**
 * Masked forms shown everywhere a full value is not needed (PIPL Art. 51: de-identification).
 * Each keeps just enough for a person to recognise their own data.
 */

const chars = (s: string) => Array.from(s)

/** 110101199003071234 → 1101**********1234 */
export function maskIdNumber(id: string): string {
  const c = chars(id.trim())
  if (c.length <= 8) return '*'.repeat(c.length)
  return c.slice(0, 4).join('') + '*'.repeat(c.length - 8) + c.slice(-4).join('')
}

/** 张三丰 → 张**, 王芳 → 王*; a one-character name is fully hidden. */
export function maskName(name: string): string {
  const c = chars(name.trim())
  if (c.length <= 1) return '*'.repeat(c.length)
  return c[0] + '*'.repeat(c.length - 1)
}

/** 13800000000 → 138****0000 */
export function maskPhone(phone: string): string {
  const c = chars(phone.replace(/\s/g, ''))
  if (c.length < 7) return '*'.repeat(c.length)
  return c.slice(0, 3).join('') + '*'.repeat(c.length - 7) + c.slice(-4).join('')
}

/** 6222020200112345678 → **** **** **** 5678 (only the last four digits, as banks print them). */
export function maskBankCard(card: string): string {
  const digits = card.replace(/[\s-]/g, '')
  if (digits.length <= 4) return '*'.repeat(digits.length)
  return '**** **** **** ' + digits.slice(-4)
}

export const masks = {
  idNumber: maskIdNumber,
  name: maskName,
  phone: maskPhone,
  bankCard: maskBankCard,
} as const
export type MaskKind = keyof typeof masks
