import { z } from 'zod'
import { INVITATION_DAYS_DEFAULT, INVITATION_DAYS_MAX, InvitationToken } from './invitations'

/**
 * 建立第一个总工会: what `npm run bootstrap` sends to union.bootstrapRoot, and what comes back. Only the
 * management API calls it (no WeChat user), with the bootstrap token of the deployment's secrets file.
 */
export const BootstrapRootInput = z
  .object({
    /** a new invitation for the existing root's first administrator (the first expired unaccepted); name and region unused */
    reinvite: z.boolean().default(false),
    name: z.string({ error: '请填写总工会名称' }).trim().min(2, '总工会名称至少2个字').max(40, '总工会名称最多40个字').optional(),
    /** 属地, e.g. 北京市朝阳区 */
    region: z.string({ error: '请填写属地' }).trim().min(2, '属地至少2个字').max(40, '属地最多40个字').optional(),
    expiresInDays: z.number().int('有效期是整数天').min(1, '有效期至少1天').max(INVITATION_DAYS_MAX, `有效期最长${INVITATION_DAYS_MAX}天`).default(INVITATION_DAYS_DEFAULT),
    bootstrapToken: z.string({ error: '缺少初始化口令' }).min(1, '缺少初始化口令').max(200),
  })
  .superRefine((v, ctx) => {
    if (v.reinvite) return
    if (v.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写总工会名称' })
    if (v.region === undefined) ctx.addIssue({ code: 'custom', path: ['region'], message: '请填写属地' })
  })

/** `npm run migrate`: one page of old `r-<openid>-…` role ids renamed to opaque ones (server/union/migrateRoleIds.ts). */
export const MigrateRoleIdsInput = z.object({
  bootstrapToken: z.string({ error: '缺少初始化口令' }).min(1, '缺少初始化口令').max(200),
  limit: z.number().int().min(1).max(100).default(50),
})
export const MigrateRoleIdsOutput = z.object({ migrated: z.number().int(), done: z.boolean() })

export const BootstrappedRoot = z.object({
  unionId: z.string(),
  unionName: z.string(),
  region: z.string(),
  /** the first administrator's one-time invitation */
  invitation: z.object({ token: InvitationToken, path: z.string(), expiresAt: z.coerce.date() }),
})
export type BootstrappedRoot = z.infer<typeof BootstrappedRoot>
