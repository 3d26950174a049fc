import { z } from 'zod'

/** Money is integer fen (分) everywhere; this is the one schema for an amount a person may type or a config may hold. */
export const Fen = z
  .number({ error: '请填写金额' })
  .int('金额必须精确到分')
  .min(0, '金额不能是负数')
  .max(100_000_000_00, '金额太大了，请核对（单位是元）')

/** 500000 → '5,000元', 123450 → '1,234.50元': how amounts are read out to people. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = abs % 100
  return `${sign}${whole}${cents === 0 ? '' : '.' + String(cents).padStart(2, '0')}元`
}

/** What a person types as yuan ('5000', '1,234.5') → fen, or null when it is not a plain amount. */
export function yuanTextToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text.replace(/[,，\s元]/g, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
