import { createHash, timingSafeEqual } from 'crypto'
import type { Ctx } from '../../../../server/context'
import type { Handler } from '../../../../server/createFunction'
import { createInvitation } from '../../../../server/union/invitations'
import { ensureRootFederation, rootAwaitingAdmin } from '../../../../server/union/root'
import { AppError } from '../../../../shared/contract'
import type { unionActions } from '../../../../shared/union/actions'

const DAY_MS = 24 * 60 * 60 * 1000
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

/** The deployment's operator: no WeChat user (the management API) and the secrets file's bootstrap token. */
export function requireOperator(ctx: Pick<Ctx, 'openid'>, token: string): void {
  if (ctx.openid) throw new AppError('FORBIDDEN', '这一步只能由部署人员在电脑上用 npm run 命令执行')
  const expected = process.env.GHT_BOOTSTRAP_TOKEN?.trim()
  if (!expected) throw new AppError('FORBIDDEN', '云函数没有初始化口令（GHT_BOOTSTRAP_TOKEN），请先运行 npm run keys 和 npm run deploy')
  // compare digests: equal length, constant time, whatever was sent
  if (!timingSafeEqual(digest(token), digest(expected))) throw new AppError('FORBIDDEN', '初始化口令不对，请使用部署时的密钥文件')
}

/**
 * 建立第一个总工会 and invite its first administrator (federation staff). Runs only when all three hold:
 *  - no WeChat user: a phone's call always carries its openid; the management API (npm run bootstrap) carries none;
 *  - the bootstrap token matches GHT_BOOTSTRAP_TOKEN, which only the deployment's secrets file holds;
 *  - no root exists yet (ensureRootFederation decides in one transaction, so two runs at once make one root);
 *    or, with `reinvite`, the root exists and nobody holds an office there yet (its first invitation expired unaccepted).
 */
export const bootstrapRoot: Handler<typeof unionActions.bootstrapRoot> = async (input, ctx) => {
  requireOperator(ctx, input.bootstrapToken)
  const { union, created } = input.reinvite
    ? { union: await rootAwaitingAdmin(ctx.db, ctx.now), created: true }
    : await ensureRootFederation(ctx.db, { name: input.name ?? '', region: input.region ?? '', now: ctx.now })
  if (!created) throw new AppError('CONFLICT', `已经有总工会「${union.name}」，不能再建第一个总工会；请由它的工作人员在小程序里邀请其他人`)
  const invitation = await createInvitation(ctx.db, {
    unionId: union._id,
    role: 'staff',
    createdBy: 'bootstrap',
    expiresAt: new Date(ctx.now.getTime() + input.expiresInDays * DAY_MS),
    now: ctx.now,
  })
  return { unionId: union._id, unionName: union.name, region: union.region, invitation: { token: invitation.token, path: invitation.path, expiresAt: invitation.expiresAt } }
}
