import { z } from 'zod'

/**
 * 事项申请: a member asks their union for something that needs a yes or no — a membership
 * certificate, the 职工之家 room, legal aid. Legal aid goes on to the federation above,
 * which runs the union's 法律援助 service; the rest is decided by the member's own union.
 */
export const MatterCategory = z.enum(['certificate', 'venue', 'legalAid', 'other'], { error: '请选择申请事项' })
export type MatterCategory = z.infer<typeof MatterCategory>
export const matterCategoryLabel: Record<MatterCategory, string> = {
  certificate: '开具会员证明',
  venue: '借用职工之家场地',
  legalAid: '法律援助',
  other: '其他事项',
}

export const SubmitMatterInput = z.object({
  unionId: z.string({ error: '请选择工会' }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, '请选择工会'),
  category: MatterCategory,
  title: z.string({ error: '请填写事由' }).trim().min(2, '事由至少2个字').max(20, '事由最多20个字'),
  detail: z.string({ error: '请填写具体情况' }).trim().min(5, '请把情况说得具体一些（至少5个字）').max(500, '具体情况最多500个字'),
})
export type SubmitMatterInput = z.infer<typeof SubmitMatterInput>

/** A matter as stored in `matters`; the request carries its status, this carries what was asked. */
export const MatterDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  unionId: z.string(),
  category: MatterCategory,
  title: z.string(),
  detail: z.string(),
  requestId: z.string(),
  outcome: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type MatterDoc = z.infer<typeof MatterDoc>
