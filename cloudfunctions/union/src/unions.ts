import type { Ctx } from '../../../server/context'
import { findById, findMany } from '../../../server/db'
import { AppError } from '../../../shared/contract'
import { UnionRecord } from '../../../shared/domain/union'
import { UnionRef } from '../../../shared/union/schemas'

export const NOT_FOUND_MESSAGE = '没有找到这个工会，可能已撤销或合并'

export async function getUnionOrThrow(ctx: Ctx, unionId: string): Promise<UnionRecord> {
  const union = await findById(ctx.db.collection('unions'), unionId, UnionRecord)
  if (!union) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return union
}

/** The breadcrumb above a union, from the top of the tree down to its parent. */
export async function ancestorsOf(ctx: Ctx, union: Pick<UnionRecord, '_id' | 'path'>): Promise<UnionRef[]> {
  const ids = union.path.filter((id) => id !== union._id)
  if (!ids.length) return []
  const found = await findMany(ctx.db.collection('unions').where({ _id: ctx.db.command.in(ids) }), UnionRef, ids.length)
  const byId = new Map(found.map((u) => [u._id, u]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
