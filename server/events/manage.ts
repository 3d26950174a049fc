import { AppError } from '../../shared/contract'
import { Union, canReview } from '../../shared/domain/union'
import { scopeKeyOf } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventFields, EventRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { countDocs, findMany, withoutId } from '../db'
import { newId } from '../notify/enqueue'
import { loadUnion } from '../requests/people'
import { runInTransaction, txGet, txSet, txUpdate, type Transaction } from '../requests/tx'
import { loadOwnEvent } from './access'
import { EV } from './collections'
import { addEventHistory } from './history'
import { type Change, fanOut, startAnnouncement } from './notices'
import { countFreeSeats, countSeats, fillFreeSeats, resizeSeats } from './seats'

const stale = () => new AppError('CONFLICT', '活动刚刚被修改过，请刷新后再改')

/** Reads the event in the transaction and refuses when someone changed it since `expectedVersion`. */
async function freshEvent(tx: Transaction, eventId: string, expectedVersion: number): Promise<EventRecord> {
  const event = EventRecord.parse(await txGet(tx, EV.events, eventId))
  if (event.version !== expectedVersion) throw stale()
  return event
}

/** Unions named in `unionIds` must lie under the organising union. */
async function checkUnionList(ctx: Ctx, union: Union, unionIds: readonly string[]): Promise<void> {
  if (unionIds.length === 0) return
  const _ = ctx.db.command
  const found = await findMany(ctx.db.collection('unions').where({ _id: _.in([...unionIds]) }), Union, 50)
  const outside = unionIds.filter((id) => !found.some((u) => u._id === id && u.path.includes(union._id)))
  if (outside.length) throw new AppError('INVALID_INPUT', '只能选择本工会及下属的工会', { 'event.unionIds': '只能选择本工会及下属的工会' })
}

const SHAPE_FIXED_AFTER_SIGNUP = ['mode', 'teamSize', 'needsApproval'] as const

/**
 * 新建/修改活动. A new event is a draft. Editing a published one: the capacity may not drop below the
 * places taken; the sign-up form and team rules are fixed once anyone signed up; a change of time or
 * place is announced to everyone registered. Returns how many people were told.
 */
export async function saveEvent(
  ctx: Ctx,
  input: { eventId?: string; expectedVersion?: number; unionId: string; event: EventFields },
): Promise<{ event: EventRecord; notified: number }> {
  const union = await loadUnion(ctx.db, input.unionId)
  if (!canReview(ctx.grants, union)) throw new AppError('FORBIDDEN', `只有${union.name}的主席、副主席或上级工会干部可以发布活动`)
  if (input.event.scope === 'subtree' && union.level === 'grassroots') {
    throw new AppError('INVALID_INPUT', '基层工会只能为本工会发布活动', { 'event.scope': '基层工会只能为本工会发布活动' })
  }
  await checkUnionList(ctx, union, input.event.unionIds)
  const fields = input.event
  if (!input.eventId) {
    const event: EventRecord = {
      _id: newId(),
      unionId: union._id,
      unionPath: union.path,
      unionName: union.name,
      scopeKey: scopeKeyOf(fields.scope, union._id),
      ...fields,
      coverFileId: '',
      status: 'draft',
      seatCount: 0,
      createdBy: ctx.openid,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      publishedAt: null,
      cancelledAt: null,
      cancelReason: '',
      remindedAt: null,
      closedAt: null,
      version: 1,
    }
    await runInTransaction(ctx.db, async (tx) => {
      await txSet(tx, EV.events, event._id, withoutId(event))
      await addEventHistory(tx, event._id, 'create', ctx, event.title)
    })
    return { event, notified: 0 }
  }
  if (input.expectedVersion === undefined) throw new AppError('INVALID_INPUT', '修改活动需要版本号，请刷新后再改', { expectedVersion: '缺少版本号' })
  const before = await loadOwnEvent(ctx, input.eventId)
  if (before.unionId !== union._id) throw new AppError('INVALID_INPUT', '活动的组织工会不能修改', { unionId: '不能修改组织工会' })
  if (before.status === 'cancelled' || before.status === 'finished') throw new AppError('CONFLICT', `活动${before.status === 'cancelled' ? '已取消' : '已结束'}，不能再修改`)
  if (before.version !== input.expectedVersion) throw stale()
  const published = before.status === 'published'
  const taken = published ? (await countSeats(ctx, before._id)) - (await countFreeSeats(ctx, before._id)) : 0
  if (fields.capacity < taken) throw new AppError('INVALID_INPUT', `已有${taken}个名额被占用，名额不能少于${taken}`, { 'event.capacity': `不能少于已占用的${taken}个名额` })
  const signedUp = published ? await countDocs(ctx.db.collection(EV.signups).where({ eventId: before._id, status: ctx.db.command.in([...ACTIVE_SIGNUP]) })) : 0
  if (signedUp > 0) {
    const changed = SHAPE_FIXED_AFTER_SIGNUP.find((k) => fields[k] !== before[k]) ?? (JSON.stringify(fields.fields) !== JSON.stringify(before.fields) ? 'fields' : null)
    if (changed) throw new AppError('INVALID_INPUT', '已经有人报名，报名方式和报名表不能再改', { [`event.${changed}`]: '已有人报名，不能修改' })
  }
  const timeChanged = +fields.startAt !== +before.startAt || +fields.endAt !== +before.endAt
  const placeChanged = fields.place !== before.place
  const change: Change | null = published && (timeChanged || placeChanged) ? (timeChanged && placeChanged ? 'timePlace' : timeChanged ? 'time' : 'place') : null
  let seatCount = before.seatCount
  if (published && fields.capacity < before.capacity) seatCount = await shrinkSeats(ctx, before, fields.capacity)
  let announcement = ''
  const after = await runInTransaction(ctx.db, async (tx) => {
    const fresh = await freshEvent(tx, before._id, input.expectedVersion ?? 0)
    const next = { ...fields, scopeKey: scopeKeyOf(fields.scope, union._id), seatCount, updatedAt: ctx.now, version: fresh.version + 1, ...(timeChanged ? { remindedAt: null } : {}) }
    await txUpdate(tx, EV.events, fresh._id, next)
    await addEventHistory(tx, fresh._id, change ? 'change' : 'edit', ctx, change ? `${change}` : '')
    if (change) announcement = await startAnnouncement(tx, fresh._id, change, '', ctx.now)
    return EventRecord.parse({ ...fresh, ...next })
  })
  if (published && fields.capacity > before.capacity) {
    const seatCount = await resizeSeats(ctx, after, fields.capacity)
    await ctx.db.collection(EV.events).doc(after._id).update({ data: { seatCount } })
    after.seatCount = seatCount
    await fillFreeSeats(ctx, after)
  }
  const notified = announcement ? await fanOut(ctx, announcement) : 0
  return { event: after, notified }
}

/**
 * Cuts the seats down to `capacity` BEFORE the new capacity is saved: the seats are what sign-ups take,
 * so once only `capacity` of them exist nobody can hold more, whatever signs up meanwhile. When people
 * took places during the cut and too few free seats were left to remove, the seats go back to the old
 * capacity and the edit is refused.
 */
async function shrinkSeats(ctx: Ctx, event: EventRecord, capacity: number): Promise<number> {
  const seatCount = await resizeSeats(ctx, event, capacity)
  const left = await countSeats(ctx, event._id)
  if (left <= capacity) return seatCount
  await resizeSeats(ctx, { ...event, seatCount }, event.capacity)
  throw new AppError('INVALID_INPUT', `已有${left}个名额被占用，名额不能少于${left}`, { 'event.capacity': `不能少于已占用的${left}个名额` })
}

/** 发布: the seats are made first (their ids are fixed, so a retry makes no extra), then the event opens. */
export async function publishEvent(ctx: Ctx, eventId: string, expectedVersion: number): Promise<EventRecord> {
  const event = await loadOwnEvent(ctx, eventId)
  if (event.status !== 'draft') throw new AppError('CONFLICT', event.status === 'published' ? '活动已经发布了' : '活动已取消或结束，不能发布')
  if (event.version !== expectedVersion) throw stale()
  if (event.endAt <= ctx.now) throw new AppError('INVALID_INPUT', '活动结束时间已过，请先修改时间', { 'event.endAt': '结束时间已过' })
  const seatCount = await resizeSeats(ctx, event, event.capacity)
  return runInTransaction(ctx.db, async (tx) => {
    const fresh = await freshEvent(tx, eventId, expectedVersion)
    const changes = { status: 'published' as const, publishedAt: ctx.now, seatCount, updatedAt: ctx.now, version: fresh.version + 1 }
    await txUpdate(tx, EV.events, eventId, changes)
    await addEventHistory(tx, eventId, 'publish', ctx)
    return { ...fresh, ...changes }
  })
}

/** 取消活动, with the reason everyone registered is told. */
export async function cancelEvent(ctx: Ctx, eventId: string, expectedVersion: number, reason: string): Promise<{ event: EventRecord; notified: number }> {
  const event = await loadOwnEvent(ctx, eventId)
  if (event.status === 'cancelled' || event.status === 'finished') throw new AppError('CONFLICT', event.status === 'cancelled' ? '活动已经取消了' : '活动已结束，不能取消')
  if (event.version !== expectedVersion) throw stale()
  let announcement = ''
  const after = await runInTransaction(ctx.db, async (tx) => {
    const fresh = await freshEvent(tx, eventId, expectedVersion)
    const changes = { status: 'cancelled' as const, cancelledAt: ctx.now, cancelReason: reason, updatedAt: ctx.now, version: fresh.version + 1 }
    await txUpdate(tx, EV.events, eventId, changes)
    await addEventHistory(tx, eventId, 'cancel', ctx, reason)
    if (fresh.status === 'published') announcement = await startAnnouncement(tx, eventId, 'cancel', reason, ctx.now)
    return { ...fresh, ...changes }
  })
  const notified = announcement ? await fanOut(ctx, announcement) : 0
  return { event: after, notified }
}
