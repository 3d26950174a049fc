import { AnnouncementRecord, EventRecord, SignupRecord, type SignupStatus } from '../../shared/events/schemas'
import { formatDateTime } from '../../shared/date'
import type { Phrase } from '../../shared/notify/fields'
import type { Ctx } from '../context'
import { findMany, findById } from '../db'
import { enqueue, newId, type EnqueueInput } from '../notify/enqueue'
import type { Writer } from '../notify/transaction'
import { deliverNow } from '../requests/notices'
import { retryConflicts, runInTransaction, txGet, txUpdate, type Transaction } from '../requests/tx'
import { EV, eventPage } from './collections'

/**
 * What the events domain tells people: 候补成功 to one person (in the transaction that gave the seat),
 * and announcements to everyone registered (活动变更, 活动取消, 活动开始提醒), fanned out in small
 * transactions after the change committed, each batch together with the cursor that says how far it got.
 */

/** Tells the people of a promoted sign-up (the captain and teammates) that they have a seat. */
export async function tellPromoted(tx: Writer, event: EventRecord, openids: readonly string[], status: SignupStatus, at: Date, confirmBy: Date | null = null): Promise<string[]> {
  const outbox: string[] = []
  const waitingReview = status === 'pending'
  // at an event that asks for it, the place is kept only if they confirm in time: say by when
  const confirm = confirmBy ? `请在${formatDateTime(confirmBy)}前打开活动页点“确认参加”，逾期名额顺延给下一位。` : ''
  for (const toOpenid of openids) {
    const { outboxId } = await enqueue(tx, {
      toOpenid,
      template: 'eventSignup',
      page: eventPage(event._id),
      data: {
        event: event.title,
        result: waitingReview ? '候补待审' : '候补成功',
        startAt: event.startAt,
        remark: confirmBy ? `请于${formatDateTime(confirmBy)}前确认参加` : waitingReview ? '已有名额，等待工会审核' : '已为您递补名额，请按时参加',
      },
      title: waitingReview ? '候补到名额，等待审核' : confirmBy ? '候补成功，请确认参加' : '候补成功',
      body: `您候补的「${event.title}」有了名额${waitingReview ? '，工会审核后即报名成功' : '，已为您报名成功'}。${confirm}活动时间${formatDateTime(event.startAt)}，地点${event.place}。`,
      at,
    })
    outbox.push(outboxId)
  }
  return outbox
}

/**
 * Tells the people of a sign-up that ended without them asking: an organiser removed them (移出, with
 * the reason), or a promoted place was not confirmed in time and moved on (逾期未确认).
 */
export async function tellEnded(tx: Writer, event: EventRecord, openids: readonly string[], why: { removed: string } | { expired: Date }, at: Date): Promise<string[]> {
  const outbox: string[] = []
  for (const toOpenid of openids) {
    const removed = 'removed' in why
    const { outboxId } = await enqueue(tx, {
      toOpenid,
      template: 'eventSignup',
      page: eventPage(event._id),
      data: { event: event.title, result: '已取消', startAt: event.startAt, remark: removed ? `移出原因：${why.removed}` : '未按时确认，名额已顺延' },
      title: removed ? '您已被移出活动' : '候补名额已顺延',
      body: removed
        ? `您报名的「${event.title}」已被组织者移出，原因：${why.removed}。如有疑问请联系${event.unionName}。`
        : `您候补到的「${event.title}」名额没有在${formatDateTime(why.expired)}前确认，已顺延给下一位候补的人。`,
      at,
    })
    outbox.push(outboxId)
  }
  return outbox
}

export type Change = AnnouncementRecord['change']
const changePhrase: Record<Change, Phrase> = { time: '时间变更', place: '地点变更', timePlace: '活动变更', cancel: '活动取消', reminder: '即将开始' }

/** Starts an announcement inside the transaction of the change it reports. */
export async function startAnnouncement(tx: Transaction, eventId: string, change: Change, remark: string, at: Date): Promise<string> {
  const id = newId()
  await tx.collection(EV.announcements).doc(id).set({ data: { eventId, change, remark, doneUpTo: '', finishedAt: null, createdAt: at } })
  return id
}

/** Who hears an announcement: everyone still taking part; a reminder only those with a confirmed place. */
const hears = (change: Change, s: SignupRecord): boolean => (change === 'reminder' ? s.status === 'confirmed' : s.status === 'confirmed' || s.status === 'pending' || s.status === 'waitlisted')

function messageOf(event: EventRecord, a: AnnouncementRecord, toOpenid: string, at: Date): EnqueueInput<'eventReminder'> | EnqueueInput<'eventChange'> {
  const page = eventPage(event._id)
  if (a.change === 'reminder') {
    return {
      toOpenid,
      at,
      template: 'eventReminder',
      page,
      data: { event: event.title, startAt: event.startAt, place: event.place, remark: '签到时请出示活动入场码' },
      title: '活动即将开始',
      body: `您报名的「${event.title}」将于${formatDateTime(event.startAt)}在${event.place}开始，签到时请出示活动入场码。`,
    }
  }
  const cancelled = a.change === 'cancel'
  return {
    toOpenid,
    at,
    template: 'eventChange',
    page,
    data: { event: event.title, change: changePhrase[a.change], startAt: event.startAt, place: event.place, remark: a.remark || (cancelled ? '活动已取消' : '请留意新的安排') },
    title: cancelled ? '活动已取消' : '活动有变更',
    body: cancelled
      ? `您报名的「${event.title}」已取消${a.remark ? `，原因：${a.remark}` : ''}。`
      : `您报名的「${event.title}」${changePhrase[a.change]}：${formatDateTime(event.startAt)}，${event.place}。`,
  }
}

const FAN_OUT_BATCH = 20
/** One call fans out at most this many batches; the hourly timer finishes larger events. */
const FAN_OUT_BATCHES = 100

/**
 * Sends one announcement to everyone it concerns, batch by batch. Each batch's messages and the moved
 * cursor commit together, so a crash or a second runner never tells anyone twice. A cancellation goes
 * its own way (tellCancelled).
 */
export async function fanOut(ctx: Ctx, announcementId: string): Promise<number> {
  let told = 0
  for (let batch = 0; batch < FAN_OUT_BATCHES; batch++) {
    const a = await findById(ctx.db.collection(EV.announcements), announcementId, AnnouncementRecord)
    if (!a || a.finishedAt) break
    const event = await findById(ctx.db.collection(EV.events), a.eventId, EventRecord)
    if (!event) break
    if (a.change === 'cancel') return told + (await tellCancelled(ctx, event, a))
    const _ = ctx.db.command
    const signups = await findMany(
      ctx.db.collection(EV.signups).where({ eventId: a.eventId, _id: _.gt(a.doneUpTo) }).orderBy('_id', 'asc'),
      SignupRecord,
      FAN_OUT_BATCH,
    )
    const last = signups[signups.length - 1]
    const outbox = await runInTransaction(ctx.db, async (tx) => {
      const fresh = AnnouncementRecord.parse(await txGet(tx, EV.announcements, a._id))
      if (fresh.doneUpTo !== a.doneUpTo || fresh.finishedAt) return null
      const ids: string[] = []
      for (const s of signups) {
        if (!hears(a.change, s)) continue
        const { outboxId } = await enqueue(tx, messageOf(event, a, s.openid, ctx.now))
        ids.push(outboxId)
        if (a.change === 'reminder') await txUpdate(tx, EV.signups, s._id, { remindedAt: ctx.now })
      }
      const done = signups.length < FAN_OUT_BATCH
      await txUpdate(tx, EV.announcements, a._id, { doneUpTo: last?._id ?? a.doneUpTo, finishedAt: done ? ctx.now : null })
      return ids
    })
    if (outbox === null) break
    told += outbox.length
    await deliverNow(ctx, outbox)
    if (signups.length < FAN_OUT_BATCH) break
  }
  return told
}

/**
 * 活动取消: every sign-up still taking part is ended (cancelled) and told, in batches, each sign-up's end
 * and its message in one transaction — so whoever tells a person (this sweep, or the sign-up that found
 * the event cancelled) does it once. It sweeps what is still active rather than moving a cursor, so a
 * sign-up written while it ran is found by the next batch, or by the hourly timer's sweep after it.
 */
export async function tellCancelled(ctx: Ctx, event: EventRecord, a: AnnouncementRecord | null): Promise<number> {
  const _ = ctx.db.command
  let told = 0
  for (let batch = 0; batch < FAN_OUT_BATCHES; batch++) {
    const signups = await findMany(ctx.db.collection(EV.signups).where({ eventId: event._id, status: _.in(['confirmed', 'pending', 'waitlisted']) }).orderBy('_id', 'asc'), SignupRecord, FAN_OUT_BATCH)
    if (signups.length === 0) break
    const outbox = await retryConflicts(
      () =>
        runInTransaction(ctx.db, async (tx) => {
          const ids: string[] = []
          for (const s of signups) {
            const fresh = SignupRecord.nullable().parse(await txGet(tx, EV.signups, s._id))
            if (!fresh || !hears('cancel', fresh)) continue
            await txUpdate(tx, EV.signups, s._id, { status: 'cancelled', holds: 'none', cancelledAt: ctx.now, updatedAt: ctx.now })
            const { outboxId } = await enqueue(tx, messageOf(event, a ?? cancelNotice(event), s.openid, ctx.now))
            ids.push(outboxId)
          }
          return ids
        }),
      10,
    )
    told += outbox.length
    await deliverNow(ctx, outbox)
  }
  if (a) await ctx.db.collection(EV.announcements).doc(a._id).update({ data: { finishedAt: ctx.now } })
  return told
}

const cancelNotice = (event: EventRecord): AnnouncementRecord => ({ _id: '', eventId: event._id, change: 'cancel', remark: event.cancelReason, doneUpTo: '', finishedAt: null, createdAt: event.cancelledAt ?? new Date(0) })

/** Announcements a crash or a large event left unfinished, for the timer. */
export async function unfinishedAnnouncements(ctx: Ctx): Promise<AnnouncementRecord[]> {
  return findMany(ctx.db.collection(EV.announcements).where({ finishedAt: null }).orderBy('createdAt', 'asc'), AnnouncementRecord, 20)
}
