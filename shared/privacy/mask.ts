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

/**
 * The one way another person's name is shown wherever a full name is not needed (lists, titles,
 * messages, participants): 张建国 → 张*国, 欧阳明华 → 欧**华, 王芳 → 王*; a one-character name is
 * fully hidden. First and last characters keep 李*强 and 李*明 apart in a list; a two-character name
 * keeps only its surname. The person themself, and a reviewer with the right, get the name in full
 * from the server instead (`nameFor`).
 */
export function maskName(name: string): string {
  const c = chars(name.trim())
  if (c.length <= 1) return '*'.repeat(c.length)
  if (c.length === 2) return c[0] + '*'
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1]
}

/** A name as one viewer may see it: in full for its owner (or a reviewer entitled to it), masked for everyone else. */
export const nameFor = (name: string, full: boolean): string => (full ? name.trim() : maskName(name))

/**
 * A title written with the applicant's masked name (李*强申请入会), as its applicant sees it: with
 * their own name in full. Titles that do not start with that masked name are left as they are.
 */
export function titleForOwner(title: string, maskedName: string, ownName: string): string {
  if (!ownName || maskName(ownName) !== maskedName || !title.startsWith(maskedName)) return title
  return ownName + title.slice(maskedName.length)
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
