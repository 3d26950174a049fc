import { AppError } from '../../shared/contract'
import { Union, canReview } from '../../shared/domain/union'
import { scopeKeyOf, tightenedRule } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventFields, EventRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { countDocs, findMany, withoutId } from '../db'
import { newId } from '../notify/enqueue'
import { loadUnion } from '../requests/people'
import { retryConflicts, runInTransaction, txGet, txSet, txUpdate, type Transaction } from '../requests/tx'
import { loadOwnEvent } from './access'
import { EV } from './collections'
import { addEventHistory } from './history'
import { type Change, fanOut, startAnnouncement } from './notices'
import { fillPlaces } from './places'

/** A transaction on the event document retries this often while sign-ups keep changing its counters. */
const EVENT_TX_ATTEMPTS = 30

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
      taken: 0,
      waiting: 0,
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
  const signedUp = published ? await countDocs(ctx.db.collection(EV.signups).where({ eventId: before._id, status: ctx.db.command.in([...ACTIVE_SIGNUP]) })) : 0
  if (signedUp > 0) {
    const changed = SHAPE_FIXED_AFTER_SIGNUP.find((k) => fields[k] !== before[k]) ?? (JSON.stringify(fields.fields) !== JSON.stringify(before.fields) ? 'fields' : null)
    if (changed) throw new AppError('INVALID_INPUT', '已经有人报名，报名方式和报名表不能再改', { [`event.${changed}`]: '已有人报名，不能修改' })
    const tightened = tightenedRule(before, fields)
    if (tightened) throw new AppError('INVALID_INPUT', `已经有人报名，报名条件只能放宽、不能收紧（${tightened.label}）`, { [`event.${tightened.field}`]: '已有人报名，只能放宽' })
  }
  const timeChanged = +fields.startAt !== +before.startAt || +fields.endAt !== +before.endAt
  const placeChanged = fields.place !== before.place
  const change: Change | null = published && (timeChanged || placeChanged) ? (timeChanged && placeChanged ? 'timePlace' : timeChanged ? 'time' : 'place') : null
  let announcement = ''
  // One transaction over the event document decides everything: the version, and the capacity against
  // the places taken (`taken`, on the same document, so a sign-up that takes a place meanwhile makes the
  // commit conflict and the check run again). A refused edit has changed nothing.
  const after = await retryConflicts(() =>
    runInTransaction(ctx.db, async (tx) => {
      const fresh = await freshEvent(tx, before._id, input.expectedVersion ?? 0)
      if (fresh.status === 'published' && fields.capacity < fresh.taken) {
        throw new AppError('INVALID_INPUT', `已有${fresh.taken}个名额被占用，名额不能少于${fresh.taken}`, { 'event.capacity': `不能少于已占用的${fresh.taken}个名额` })
      }
      const next = { ...fields, scopeKey: scopeKeyOf(fields.scope, union._id), updatedAt: ctx.now, version: fresh.version + 1, ...(timeChanged ? { remindedAt: null } : {}) }
      await txUpdate(tx, EV.events, fresh._id, next)
      await addEventHistory(tx, fresh._id, change ? 'change' : fields.capacity !== fresh.capacity ? 'capacity' : 'edit', ctx, change ? `${change}` : fields.capacity !== fresh.capacity ? `${fresh.capacity} ${fields.capacity}` : '')
      if (change) announcement = await startAnnouncement(tx, fresh._id, change, '', ctx.now)
      return EventRecord.parse({ ...fresh, ...next })
    }),
    EVENT_TX_ATTEMPTS,
  )
  if (published && fields.capacity > before.capacity) await fillPlaces(ctx, after)
  const notified = announcement ? await fanOut(ctx, announcement) : 0
  return { event: after, notified }
}

/** 发布: the event opens with all its places free. */
export async function publishEvent(ctx: Ctx, eventId: string, expectedVersion: number): Promise<EventRecord> {
  const event = await loadOwnEvent(ctx, eventId)
  if (event.status !== 'draft') throw new AppError('CONFLICT', event.status === 'published' ? '活动已经发布了' : '活动已取消或结束，不能发布')
  if (event.version !== expectedVersion) throw stale()
  if (event.endAt <= ctx.now) throw new AppError('INVALID_INPUT', '活动结束时间已过，请先修改时间', { 'event.endAt': '结束时间已过' })
  return runInTransaction(ctx.db, async (tx) => {
    const fresh = await freshEvent(tx, eventId, expectedVersion)
    const changes = { status: 'published' as const, publishedAt: ctx.now, taken: 0, waiting: 0, updatedAt: ctx.now, version: fresh.version + 1 }
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
  // the counters on the event document change with every sign-up: a conflict means "read again", not "refuse"
  const after = await retryConflicts(() =>
    runInTransaction(ctx.db, async (tx) => {
      const fresh = await freshEvent(tx, eventId, expectedVersion)
      const changes = { status: 'cancelled' as const, cancelledAt: ctx.now, cancelReason: reason, updatedAt: ctx.now, version: fresh.version + 1 }
      await txUpdate(tx, EV.events, eventId, changes)
      await addEventHistory(tx, eventId, 'cancel', ctx, reason)
      announcement = fresh.status === 'published' ? await startAnnouncement(tx, eventId, 'cancel', reason, ctx.now) : ''
      return { ...fresh, ...changes }
    }),
    EVENT_TX_ATTEMPTS,
  )
  const notified = announcement ? await fanOut(ctx, announcement) : 0
  return { event: after, notified }
}
