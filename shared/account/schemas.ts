import { z } from 'zod'
import { defineActions } from '../contract/action'
import { Role } from '../domain/union'

/** Until the person picks one: WeChat no longer hands out nicknames, and this is what it shows itself. */
export const DEFAULT_NICKNAME = '微信用户'

/** An account as stored in `users`; `_id` is the openid, so one WeChat identity is one account. */
export const UserRecord = z.object({
  _id: z.string(),
  openid: z.string(),
  nickName: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type UserRecord = z.infer<typeof UserRecord>

export const NickName = z
  .string({ error: '请填写昵称' })
  .trim()
  .min(1, '请填写昵称')
  .max(20, '昵称最多20个字')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), '昵称不能包含换行等特殊字符')

/** One role the caller holds, ready to show: 「北京某建筑工程有限公司工会 · 工会主席」. */
export const GrantView = z.object({
  unionId: z.string(),
  unionName: z.string(),
  role: Role,
  roleLabel: z.string(),
})
export type GrantView = z.infer<typeof GrantView>

export const WhoamiInput = z.object({})
export const WhoamiOutput = z.object({
  nickName: z.string(),
  /** true only on the call that created the account */
  isNew: z.boolean(),
  grants: z.array(GrantView),
  /**
   * An opaque key of this account (a hash, never the openid) for what the phone keeps for the person:
   * drafts are stored under it, so whoever signs in next on the same phone never sees them.
   */
  ownerKey: z.string().optional(),
})
export type WhoamiOutput = z.infer<typeof WhoamiOutput>

export const UpdateNicknameInput = z.object({ nickName: NickName })
export const UpdateNicknameOutput = z.object({ nickName: z.string() })

/**
 * whoami and the nickname, declared beside their schemas: every tab (main package) asks whoami, and importing
 * it from here leaves the 隐私与授权 schemas of `accountActions` (which includes these) in the about subpackage.
 */
export const whoamiActions = defineActions('account', {
  whoami: [WhoamiInput, WhoamiOutput],
  updateNickname: [UpdateNicknameInput, UpdateNicknameOutput],
})
