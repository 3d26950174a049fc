import type { Handler } from '../../../../server/createFunction'
import { inviteToHousehold as invite } from '../../../../server/aid/family'
import { resolveSubject } from '../../../../server/aid/subject'
import type { aidActions } from '../../../../shared/aid/actions'

/** 邀请家人同户: a code, valid 7 days, that joins an adult of the family to this household. */
export const inviteToHousehold: Handler<typeof aidActions.inviteToHousehold> = async ({ proxyId }, ctx) => {
  const subject = await resolveSubject(ctx, proxyId)
  return invite(ctx, subject.openid)
}
