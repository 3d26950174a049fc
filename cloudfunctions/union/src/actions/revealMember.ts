import type { Handler } from '../../../../server/createFunction'
import { revealMember as reveal } from '../../../../server/union/members'
import type { unionActions } from '../../../../shared/union/actions'

/** 查看完整: a member's full ID or phone number, written to the audit log she can read. */
export const revealMember: Handler<typeof unionActions.revealMember> = async ({ unionId, memberNo, field }, ctx) => {
  const { value } = await reveal(ctx, unionId, memberNo, field)
  return { value, notice: '本次查看已记录在案，会员本人可以看到，仅限工会工作使用，请勿外传' }
}
