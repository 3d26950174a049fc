import { randomBytes } from 'crypto'
import type { Handler } from '../../../../server/createFunction'
import { submitRequest } from '../../../../server/requests/engine'
import { MATTERS, MATTER_KIND } from '../../../../server/requests/matterKind'
import { displayName } from '../../../../server/requests/people'
import { txSet } from '../../../../server/requests/tx'
import { toItem } from '../../../../server/requests/views'
import { AppError } from '../../../../shared/contract'
import { isMemberOf } from '../../../../shared/domain/union'
import type { reviewActions } from '../../../../shared/requests/actions'
import { matterCategoryLabel, type MatterDoc } from '../../../../shared/requests/matter'

/**
 * 事项申请: a member asks their union for a certificate, the room, legal aid …
 * The list and the messages carry only the category; what was asked stays in the request's detail.
 */
export const submitMatter: Handler<typeof reviewActions.submitMatter> = async (input, ctx) => {
  if (!isMemberOf(ctx.grants, input.unionId)) throw new AppError('FORBIDDEN', '只有本工会会员可以向工会提交事项申请')
  const matterId = randomBytes(12).toString('hex')
  const label = matterCategoryLabel[input.category]
  const request = await submitRequest(
    ctx,
    {
      kind: MATTER_KIND,
      unionId: input.unionId,
      summary: { title: label, subtitle: '' },
      subjectRef: { collection: MATTERS, id: matterId },
      applicantName: await displayName(ctx.db, ctx.openid, '会员'),
      chainVariant: input.category,
    },
    {
      inTransaction: async (tx, req) => {
        const matter: Omit<MatterDoc, '_id'> = {
          openid: ctx.openid,
          unionId: input.unionId,
          category: input.category,
          title: input.title,
          detail: input.detail,
          requestId: req._id,
          outcome: 'pending',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }
        await txSet(tx, MATTERS, matterId, matter)
      },
    },
  )
  return { request: toItem(request, ctx.openid, ctx.grants) }
}
