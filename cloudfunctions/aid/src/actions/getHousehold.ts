import type { Handler } from '../../../../server/createFunction'
import { loadHousehold } from '../../../../server/aid/assess'
import { resolveSubject } from '../../../../server/aid/subject'
import type { aidActions } from '../../../../shared/aid/actions'
import { profileNeedsReconfirm } from '../../../../shared/aid/files'

/** 家庭情况 as last saved (by the worker, or by a cadre under 代办), and whether it is due for the yearly check. */
export const getHousehold: Handler<typeof aidActions.getHousehold> = async ({ proxyId }, ctx) => {
  const subject = await resolveSubject(ctx, proxyId)
  const household = await loadHousehold(ctx.db, subject.openid)
  return {
    profile: household?.profile ?? null,
    confirmedAt: household?.confirmedAt ?? null,
    needsReconfirm: profileNeedsReconfirm(household?.confirmedAt ?? null, ctx.now),
  }
}
