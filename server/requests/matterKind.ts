import { Union } from '../../shared/domain/union'
import { MatterDoc, matterCategoryLabel } from '../../shared/requests/matter'
import type { RequestDoc } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import { findById } from '../db'
import { registerKind, reviewStep } from './registry'
import { txUpdate, type Transaction } from './tx'

export const MATTERS = 'matters'
export const MATTER_KIND = 'general.matter'

async function parentFederation(ctx: Ctx, union: Union): Promise<Union | null> {
  if (!union.parentId) return null
  return findById(ctx.db.collection('unions'), union.parentId, Union)
}

async function settle(tx: Transaction, request: RequestDoc, outcome: 'approved' | 'rejected', at: Date): Promise<void> {
  await txUpdate(tx, MATTERS, request.subjectRef.id, { outcome, updatedAt: at })
}

/**
 * 事项申请: the member's own union decides; 法律援助 then goes to the federation above, which
 * runs the union's legal-aid service (工会法律援助), so it is a two-desk chain.
 */
export const matterKind = registerKind({
  kind: MATTER_KIND,
  label: '事项申请',
  async chain(target, ctx, variant) {
    const first = reviewStep(target, target.level === 'grassroots' ? '基层工会审核' : '工会审核')
    if (variant !== 'legalAid') return [first]
    const federation = await parentFederation(ctx, target)
    return federation ? [first, reviewStep(federation, '法律援助审批')] : [first]
  },
  async describe(request, ctx) {
    const matter = await findById(ctx.db.collection(MATTERS), request.subjectRef.id, MatterDoc)
    if (!matter) return [{ label: '申请内容', value: '（申请内容已不存在）' }]
    return [
      { label: '申请事项', value: matterCategoryLabel[matter.category] },
      { label: '事由', value: matter.title },
      { label: '具体情况', value: matter.detail },
    ]
  },
  async onApproved(tx, request, ctx) {
    await settle(tx, request, 'approved', ctx.now)
  },
  async onRejected(tx, request, ctx) {
    await settle(tx, request, 'rejected', ctx.now)
  },
})

