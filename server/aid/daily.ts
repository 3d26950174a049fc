import { z } from 'zod'
import { formatDate } from '../../shared/date'
import { ApplicationDoc, FileDoc, NoticeDoc, UploadDoc } from '../../shared/aid/records'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { runInTransaction, txGet, txUpdate } from '../requests/tx'
import { readApplication } from './approval'
import { AID } from './collections'
import { repairFundShares } from './fundRepair'
import { deliver, tellAidProgress } from './messages'

/** Per run and per task: the run must finish well inside the function's time limit; the next day picks up the rest. */
const PAGE = 50
const MAX_PAGES = 4
/** An H5 upload left unfinished this long is abandoned. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000
/** Documents of an application that was not granted are kept a year after it closed (consent text, PIPL Art. 19). */
const CLOSED_RETENTION_MS = 365 * 24 * 60 * 60 * 1000

export interface DailySummary {
  noticesClosed: number
  reviewsRaised: number
  uploadsCleared: number
  documentsPurged: number
}

/**
 * 公示 that reached its end closes itself: the notice comes down and the application waits for payment.
 * One transaction per notice, re-checked inside, so overlapping runs close each notice once.
 */
async function closeEndedNotices(ctx: Ctx, sent: string[]): Promise<number> {
  const _ = ctx.db.command
  let closed = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const ended = await findMany(ctx.db.collection(AID.notices).where({ status: 'open', endsAt: _.lte(ctx.now) }).orderBy('endsAt', 'asc'), NoticeDoc, PAGE)
    for (const notice of ended) {
      const ids: string[] = []
      const done = await runInTransaction(ctx.db, async (tx) => {
        ids.length = 0
        const fresh = NoticeDoc.parse({ _id: notice._id, ...Object(await txGet(tx, AID.notices, notice._id)) })
        if (fresh.status !== 'open') return false
        await txUpdate(tx, AID.notices, notice._id, { status: 'closed', updatedAt: ctx.now })
        const app = await readApplication(tx, notice.applicationId)
        if (app.stage === 'publicized') {
          await txUpdate(tx, AID.applications, app._id, {
            stage: 'awaiting_payment',
            events: [...app.events, { at: ctx.now, text: `公示期满（${formatDate(fresh.endsAt)}），无异议，等待发放` }],
            updatedAt: ctx.now,
          })
          ids.push(
            await tellAidProgress(tx, {
              toOpenid: app.applicantOpenid,
              scheme: app.scheme,
              status: '已通过',
              remark: '公示结束，等待发放',
              body: '您的帮扶申请公示期满，接下来将打款到您本人的银行卡。',
              applicationId: app._id,
              requestId: app.requestId,
              at: ctx.now,
            }),
          )
        }
        return true
      })
      if (done) {
        closed += 1
        sent.push(...ids)
      }
    }
    if (ended.length < PAGE) break
  }
  return closed
}

const ChairRole = z.object({ openid: z.string() })

/** 年度复核: a file past its review date is raised once to the chair of its union. */
async function raiseFileReviews(ctx: Ctx, sent: string[]): Promise<number> {
  const _ = ctx.db.command
  let raised = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await findMany(
      ctx.db.collection(AID.files).where({ status: 'active', reviewDueAt: _.lte(ctx.now), reviewRaisedAt: null }).orderBy('reviewDueAt', 'asc'),
      FileDoc,
      PAGE,
    )
    for (const file of due) {
      const chairs = await findMany(ctx.db.collection('roles').where({ unionId: file.unionId, role: 'chair' }), ChairRole, 10)
      const ids: string[] = []
      const done = await runInTransaction(ctx.db, async (tx) => {
        ids.length = 0
        const fresh = FileDoc.parse({ _id: file._id, ...Object(await txGet(tx, AID.files, file._id)) })
        if (fresh.status !== 'active' || fresh.reviewRaisedAt !== null) return false
        await txUpdate(tx, AID.files, file._id, {
          reviewRaisedAt: ctx.now,
          history: [...fresh.history, { at: ctx.now, text: '到了年度复核时间，已提醒工会主席' }].slice(-40),
          updatedAt: ctx.now,
        })
        for (const chair of chairs) {
          ids.push(
            await tellAidProgress(tx, {
              toOpenid: chair.openid,
              scheme: '困难职工档案',
              status: '待审核',
              remark: '请做年度复核',
              body: `${fresh.maskedName}家的困难职工档案到了年度复核时间，请入户核实后复核或退档。`,
              page: 'packages/aid/files/index',
              at: ctx.now,
            }),
          )
        }
        return true
      })
      if (done) {
        raised += 1
        sent.push(...ids)
      }
    }
    if (due.length < PAGE) break
  }
  return raised
}

/** Unfinished H5 uploads older than a day: their chunks are deleted. */
async function clearAbandonedUploads(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command
  const stale = await findMany(
    ctx.db.collection(AID.uploads).where({ status: 'open', createdAt: _.lt(new Date(ctx.now.getTime() - UPLOAD_TTL_MS)) }).orderBy('createdAt', 'asc'),
    UploadDoc,
    PAGE,
  )
  for (const upload of stale) {
    await ctx.db.collection(AID.chunks).where({ uploadId: upload._id }).remove()
    await ctx.db.collection(AID.uploads).doc(upload._id).remove()
  }
  return stale.length
}

/** Rejected or withdrawn applications closed over a year ago: their photos are deleted from storage. */
async function purgeClosedDocuments(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command
  const cutoff = new Date(ctx.now.getTime() - CLOSED_RETENTION_MS)
  const old = await findMany(
    ctx.db.collection(AID.applications).where({ stage: 'closed', updatedAt: _.lt(cutoff), purgedAt: null }).orderBy('updatedAt', 'asc'),
    ApplicationDoc,
    PAGE,
  )
  for (const app of old) {
    if (app.documents.length) await ctx.cloud.deleteFile({ fileList: app.documents.map((d) => d.fileId) })
    await ctx.db.collection(AID.applications).doc(app._id).update({
      data: { documents: [], purgedAt: ctx.now, events: [...app.events, { at: ctx.now, text: '申请办结满一年，材料已按保存期限删除' }] },
    })
  }
  return old.length
}

/** Timer `aidDaily` (01:00 every day). */
export async function runDaily(ctx: Ctx): Promise<DailySummary> {
  const sent: string[] = []
  const noticesClosed = await closeEndedNotices(ctx, sent)
  const reviewsRaised = await raiseFileReviews(ctx, sent)
  const uploadsCleared = await clearAbandonedUploads(ctx)
  const documentsPurged = await purgeClosedDocuments(ctx)
  await repairFundShares(ctx) // a share an approval took before failing (server/aid/fundRepair.ts)
  await deliver(ctx, sent)
  return { noticesClosed, reviewsRaised, uploadsCleared, documentsPurged }
}
