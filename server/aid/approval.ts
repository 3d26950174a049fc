import { z } from 'zod'
import { findById, findMany, withoutId } from '../db'
import { AppError } from '../../shared/contract'
import { AidConfigDoc, hardshipLevelLabel, schemeLabel } from '../../shared/aid/config'
import { nextReviewAt } from '../../shared/aid/files'
import { grantKeys } from '../../shared/aid/limits'
import { formatYuan } from '../../shared/aid/money'
import { noticeEndsAt } from '../../shared/aid/notice'
import { ApplicationDoc, FileDoc, FundDoc, GrantDoc, ObjectionDoc, type FundMoveKind } from '../../shared/aid/records'
import { formatDate } from '../../shared/date'
import type { RequestDoc } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import { newId } from '../notify/enqueue'
import { WriteConflict, runInTransaction, txAdd, txGet, txRemove, txSet, txUpdate, type Transaction } from '../requests/tx'
import { AID } from './collections'

/**
 * What an approval does to the aid side, inside the engine's approval transaction (one transaction
 * with the request update, its history and messages): commit the amount on the fund ledger, take the
 * grant keys (one 金秋助学 per child per year, no double aid), create or update the household's
 * hardship file, and open the 公示. A revocation (异议 upheld, return, withdrawal) undoes each of them.
 */

export async function readApplication(tx: Transaction, id: string): Promise<ApplicationDoc> {
  const raw = await txGet(tx, AID.applications, id)
  if (raw === null) throw new Error(`aid application ${id} is missing`)
  return ApplicationDoc.parse(raw)
}

const readAtStart = new WeakMap<Transaction, ApplicationDoc>()
/**
 * The application as the transaction first read it, read once: for checks of what a transition does
 * not change (the scheme, the home-visit desks and note), saving a round trip per hook.
 */
export async function readApplicationOnce(tx: Transaction, id: string): Promise<ApplicationDoc> {
  const seen = readAtStart.get(tx)
  if (seen && seen._id === id) return seen
  const app = await readApplication(tx, id)
  readAtStart.set(tx, app)
  return app
}

async function readFund(tx: Transaction, fundId: string): Promise<FundDoc> {
  const raw = await txGet(tx, AID.funds, fundId)
  if (raw === null) throw new AppError('QUOTA', '本年度帮扶资金还没有下达，暂时不能审批通过，请联系总工会')
  return FundDoc.parse(raw)
}

/** Moves money on the ledger and writes the history line with the balances after it. */
export async function moveFund(
  tx: Transaction,
  fund: FundDoc,
  move: { kind: FundMoveKind; amountFen: number; applicationId: string; actorOpenid: string; note: string; at: Date },
): Promise<FundDoc> {
  const next = { ...fund, updatedAt: move.at }
  if (move.kind === 'commit') next.committedFen += move.amountFen
  if (move.kind === 'release') next.committedFen -= move.amountFen
  if (move.kind === 'pay') {
    next.committedFen -= move.amountFen
    next.paidFen += move.amountFen
  }
  if (move.kind === 'budget') next.budgetFen = move.amountFen
  if (next.committedFen < 0 || next.budgetFen - next.committedFen - next.paidFen < 0) throw new AppError('QUOTA', quotaMessage(fund, move.amountFen))
  await txUpdate(tx, AID.funds, fund._id, {
    budgetFen: next.budgetFen,
    committedFen: next.committedFen,
    paidFen: next.paidFen,
    availableFen: next.budgetFen - next.committedFen - next.paidFen,
    updatedAt: move.at,
  })
  await txAdd(tx, AID.fundMoves, {
    _id: newId(),
    fundId: fund._id,
    at: move.at,
    kind: move.kind,
    amountFen: move.amountFen,
    applicationId: move.applicationId,
    actorOpenid: move.actorOpenid,
    note: move.note,
    budgetFen: next.budgetFen,
    committedFen: next.committedFen,
    paidFen: next.paidFen,
  })
  return next
}

const quotaMessage = (fund: Pick<FundDoc, 'budgetFen' | 'committedFen' | 'paidFen'>, amountFen: number): string =>
  `本年度帮扶资金余额不足（还剩${formatYuan(Math.max(0, fund.budgetFen - fund.committedFen - fund.paidFen))}），这笔${formatYuan(amountFen)}的帮扶不能通过`

/**
 * Applications whose share of the fund this invocation took before the approval's transaction
 * (reserveFund); the transaction then writes the ledger line without writing the fund again.
 */
const reserved = new Set<string>()

/**
 * 审批占用 before the approval's transaction: one conditional update on the fund document
 * (`availableFen ≥ amount`, atomic on one document), so the balance never goes below zero and racing
 * approvals do not conflict in their transactions; a refused one costs two round trips. Returns the
 * undo the engine runs when the approval then fails (version changed, a limit already taken …).
 */
export async function reserveFund(ctx: Ctx, app: ApplicationDoc): Promise<() => Promise<void>> {
  const _ = ctx.db.command
  const funds = ctx.db.collection(AID.funds)
  const take = async () => {
    const res = await funds.where({ _id: app.fundId, availableFen: _.gte(app.amountFen) }).update({ data: { availableFen: _.inc(-app.amountFen), committedFen: _.inc(app.amountFen), updatedAt: ctx.now } })
    return z.object({ stats: z.object({ updated: z.number() }) }).parse(res).stats.updated === 1
  }
  let taken = await take()
  if (!taken) {
    const fund = await findById(funds, app.fundId, FundDoc)
    if (!fund) throw new AppError('QUOTA', '本年度帮扶资金还没有下达，暂时不能审批通过，请联系总工会')
    if (fund.availableFen === undefined) {
      // a fund from before availableFen: fill it in once, inside a transaction, then try again
      await runInTransaction(ctx.db, async (tx) => {
        const fresh = FundDoc.parse({ _id: fund._id, ...Object(await txGet(tx, AID.funds, fund._id)) })
        if (fresh.availableFen === undefined) await txUpdate(tx, AID.funds, fund._id, { availableFen: fresh.budgetFen - fresh.committedFen - fresh.paidFen })
      }).catch((err: unknown) => {
        if (!(err instanceof WriteConflict)) throw err // someone else filled it in just now
      })
      taken = await take()
      if (!taken) throw new AppError('QUOTA', quotaMessage((await findById(funds, app.fundId, FundDoc)) ?? fund, app.amountFen))
    }
    // refused: the balance just read is the one to show
    if (!taken) throw new AppError('QUOTA', quotaMessage(fund, app.amountFen))
  }
  reserved.add(app._id)
  return async () => {
    reserved.delete(app._id)
    await funds.doc(app.fundId).update({ data: { availableFen: _.inc(app.amountFen), committedFen: _.inc(-app.amountFen), updatedAt: ctx.now } })
  }
}

const limitMessage = (app: ApplicationDoc): string =>
  app.scheme === 'school'
    ? `这个孩子${app.year}年已经获得过金秋助学资助，每个孩子每年只能资助一次。`
    : `这户家庭${app.year}年已经领取过同类救助，不能重复救助。`

/**
 * Takes the grant keys: the keys held already are found with one query (not a read per key), then each
 * key is written in the transaction. The query sees what is committed, not the transaction's snapshot;
 * that is enough, because a key written by someone else after the snapshot is also written here, so
 * the commit fails on it and the retry's query sees that holder.
 */
async function takeGrants(ctx: Ctx, tx: Transaction, app: ApplicationDoc, config: AidConfigDoc, at: Date): Promise<string[]> {
  const scheme = config.schemes.find((s) => s.code === app.scheme) ?? { code: app.scheme, exclusiveGroup: null }
  const keys = grantKeys(scheme, app.year, app.householdKey, app.childKey)
  if (keys.length === 0) return keys
  const held = await findMany(ctx.db.collection(AID.grants).where({ _id: ctx.db.command.in(keys) }), GrantDoc, keys.length)
  if (held.some((g) => g.applicationId !== app._id)) throw new AppError('CONFLICT', limitMessage(app))
  for (const key of keys) {
    const grant: GrantDoc = { _id: key, scheme: app.scheme, year: app.year, householdKey: app.householdKey, childKey: app.childKey, applicationId: app._id, at }
    await txSet(tx, AID.grants, key, withoutId(grant))
  }
  return keys
}

/** A grant to a household already on file is written into its file; a grant alone never files a household. */
async function recordOnFile(tx: Transaction, app: ApplicationDoc, at: Date): Promise<void> {
  const raw = await txGet(tx, AID.files, app.householdKey)
  if (raw === null) return
  const file = FileDoc.parse({ _id: app.householdKey, ...Object(raw) })
  if (file.status !== 'active') return
  await txUpdate(tx, AID.files, file._id, {
    aid: [...file.aid.filter((a) => a.applicationId !== app._id), { year: app.year, scheme: app.scheme, amountFen: app.amountFen, applicationId: app._id }].slice(-40),
    history: [...file.history, { at, text: `${schemeLabel[app.scheme]}审批通过，记入档案` }].slice(-40),
    updatedAt: at,
  })
}

/**
 * 困难职工认定 (建档, domain.md A8): files the household of an approved application, or reopens its
 * closed file, at the level the application was assessed at. Only this files a household.
 */
export async function fileHousehold(tx: Transaction, app: ApplicationDoc, at: Date): Promise<void> {
  const raw = await txGet(tx, AID.files, app.householdKey)
  const entry = { year: app.year, scheme: app.scheme, amountFen: app.amountFen, applicationId: app._id }
  if (raw === null) {
    const file: FileDoc = {
      _id: app.householdKey,
      ownerOpenid: app.applicantOpenid,
      unionId: app.unionId,
      unionPath: app.unionPath,
      unionName: app.unionName,
      federationId: app.federationId,
      maskedName: app.publicName,
      level: app.assessment.level ?? 'relative',
      status: 'active',
      filedAt: at,
      reviewDueAt: nextReviewAt(at),
      reviewRaisedAt: null,
      lastReviewedAt: null,
      closedAt: null,
      closeReason: null,
      closeNote: '',
      closeNoteSealed: null,
      aid: [entry],
      history: [{ at, text: `认定为困难职工家庭（${hardshipLevelLabel[app.assessment.level ?? 'relative']}），建立困难职工档案` }],
      updatedAt: at,
    }
    await txSet(tx, AID.files, file._id, withoutId(file))
    return
  }
  const file = FileDoc.parse({ _id: app.householdKey, ...Object(raw) })
  const reopened = file.status === 'closed'
  await txUpdate(tx, AID.files, file._id, {
    status: 'active',
    level: app.assessment.level ?? file.level,
    aid: [...file.aid.filter((a) => a.applicationId !== app._id), entry].slice(-40),
    history: [...file.history, { at, text: reopened ? '再次认定为困难职工家庭，重新建档' : `再次认定为困难职工家庭（${hardshipLevelLabel[app.assessment.level ?? file.level]}）` }].slice(-40),
    unionId: app.unionId,
    unionPath: app.unionPath,
    unionName: app.unionName,
    ...(reopened ? { filedAt: at, reviewDueAt: nextReviewAt(at), closedAt: null, closeReason: null, closeNote: '', closeNoteSealed: null } : {}),
    updatedAt: at,
  })
}

async function settleObjections(tx: Transaction, app: ApplicationDoc, status: 'dismissed' | 'upheld', at: Date): Promise<void> {
  for (const id of app.objectionIds) {
    const raw = await txGet(tx, AID.objections, id)
    if (raw === null) continue
    const objection = ObjectionDoc.parse({ _id: id, ...Object(raw) })
    if (objection.status === 'open') await txUpdate(tx, AID.objections, id, { status, resolvedAt: at })
  }
}

/** onApproved of the aid kinds: the final desk said yes (first time, or again after an objection). */
export async function grantApproval(tx: Transaction, request: RequestDoc, ctx: Ctx): Promise<void> {
  const app = await readApplicationOnce(tx, request.subjectRef.id)
  const configRaw = await txGet(tx, AID.config, app.federationId)
  if (configRaw === null) throw new AppError('NOT_FOUND', '帮扶方案配置不存在，请联系总工会')
  const config = AidConfigDoc.parse({ _id: app.federationId, ...Object(configRaw) })
  const noticeDays = config.schemes.find((s) => s.code === app.scheme)?.noticeWorkingDays ?? 0
  const at = ctx.now

  if (!app.fundCommitted) {
    const fund = await readFund(tx, app.fundId)
    const move = { kind: 'commit' as const, amountFen: app.amountFen, applicationId: app._id, actorOpenid: ctx.openid, note: `${schemeLabel[app.scheme]}审批通过`, at }
    // taken before the transaction (reserveFund): only the ledger line, with the balances read here
    if (reserved.has(app._id)) await txAdd(tx, AID.fundMoves, { _id: newId(), fundId: fund._id, ...move, budgetFen: fund.budgetFen, committedFen: fund.committedFen, paidFen: fund.paidFen })
    else await moveFund(tx, fund, move)
    const keys = await takeGrants(ctx, tx, app, config, at)
    await recordOnFile(tx, app, at)
    const notice = noticeDays > 0 ? { startsAt: at, endsAt: noticeEndsAt(at, noticeDays, config.holidays) } : null
    if (notice) {
      await txSet(tx, AID.notices, app._id, {
        applicationId: app._id,
        requestId: app.requestId,
        unionId: app.unionId,
        unionPath: app.unionPath,
        unitName: app.unitName,
        maskedName: app.publicName,
        scheme: app.scheme,
        amountFen: app.amountFen,
        startsAt: notice.startsAt,
        endsAt: notice.endsAt,
        status: 'open',
        updatedAt: at,
      })
    }
    await txUpdate(tx, AID.applications, app._id, {
      fundCommitted: true,
      grantKeys: keys,
      approvedAt: at,
      approvedBy: ctx.openid,
      notice,
      stage: notice ? 'publicized' : 'awaiting_payment',
      events: [...app.events, { at, text: notice ? `审批通过，公示${noticeDays}个工作日，至${formatDate(notice.endsAt)}` : '审批通过，等待发放' }],
      updatedAt: at,
    })
    return
  }

  // re-approved after an objection: the objections are dismissed and the notice runs on to its end
  await settleObjections(tx, app, 'dismissed', at)
  const running = app.notice !== null && app.notice.endsAt.getTime() > at.getTime()
  if (app.notice) await txUpdate(tx, AID.notices, app._id, { status: running ? 'open' : 'closed', updatedAt: at })
  await txUpdate(tx, AID.applications, app._id, {
    stage: running ? 'publicized' : 'awaiting_payment',
    events: [...app.events, { at, text: running ? '复核后异议不成立，继续公示' : '复核后异议不成立，公示结束，等待发放' }],
    updatedAt: at,
  })
}

/**
 * Undoes an approval: the committed amount goes back to the fund, the grant keys are freed, the
 * file loses the entry (and closes when it was filed by this approval alone), the notice comes down.
 */
export async function revokeApproval(tx: Transaction, app: ApplicationDoc, ctx: Ctx, why: string, stage: 'closed' | 'review'): Promise<void> {
  const at = ctx.now
  if (app.fundCommitted) {
    const fund = await readFund(tx, app.fundId)
    await moveFund(tx, fund, { kind: 'release', amountFen: app.amountFen, applicationId: app._id, actorOpenid: ctx.openid, note: why, at })
    for (const key of app.grantKeys) {
      const held = await txGet(tx, AID.grants, key)
      if (held !== null && GrantDoc.parse({ _id: key, ...Object(held) }).applicationId === app._id) await txRemove(tx, AID.grants, key)
    }
    const rawFile = await txGet(tx, AID.files, app.householdKey)
    if (rawFile !== null) {
      const file = FileDoc.parse({ _id: app.householdKey, ...Object(rawFile) })
      // the grant leaves the file; the file stays (it is the determination's, closed only by 退档)
      if (file.aid.some((a) => a.applicationId === app._id)) {
        await txUpdate(tx, AID.files, file._id, {
          aid: file.aid.filter((a) => a.applicationId !== app._id),
          history: [...file.history, { at, text: `${schemeLabel[app.scheme]}审批撤销：${why}` }].slice(-40),
          updatedAt: at,
        })
      }
    }
  }
  if (app.notice) await txUpdate(tx, AID.notices, app._id, { status: 'withdrawn', updatedAt: at })
  await settleObjections(tx, app, 'upheld', at)
  await txUpdate(tx, AID.applications, app._id, {
    fundCommitted: false,
    grantKeys: [],
    notice: null,
    approvedAt: null,
    approvedBy: '',
    stage,
    events: [...app.events, { at, text: app.fundCommitted ? `审批已撤销，占用的资金已退回：${why}` : why }],
    updatedAt: at,
  })
}
