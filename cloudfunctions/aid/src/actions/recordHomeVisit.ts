import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { openApplication } from '../../../../server/aid/access'
import { AID } from '../../../../server/aid/collections'
import { sealText } from '../../../../server/aid/sealed'
import { displayName } from '../../../../server/requests/people'
import type { aidActions } from '../../../../shared/aid/actions'
import { canActAtStep } from '../../../../shared/requests/access'
import { isPending } from '../../../../shared/requests/state'

/** 入户调查: the desk that must visit the home writes what it found before it may approve. */
export const recordHomeVisit: Handler<typeof aidActions.recordHomeVisit> = async ({ applicationId, visitedOn, note }, ctx) => {
  const { app, request, grants } = await openApplication(ctx, applicationId)
  const desk = request.chain[request.step]
  if (!isPending(request.status) || !desk || !app.homeVisitSteps.includes(request.step)) throw new AppError('CONFLICT', '这份申请现在不需要填写入户调查')
  if (!canActAtStep(grants, desk)) throw new AppError('FORBIDDEN', `入户调查由${desk.unionName}填写`)
  const byName = await displayName(ctx.db, ctx.openid, '工会干部')
  await ctx.db.collection(AID.applications).doc(app._id).update({
    data: {
      homeVisit: { note: sealText(note), visitedOn, byOpenid: ctx.openid, byName, at: ctx.now },
      events: [...app.events, { at: ctx.now, text: `${desk.label}：已完成入户调查（${visitedOn}）` }],
      updatedAt: ctx.now,
    },
  })
  return { recorded: true as const }
}
