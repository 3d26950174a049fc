import { randomBytes } from 'crypto'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { maskName } from '../../shared/privacy/mask'
import { actingGrant, isReviewerOf, recusalAt, recusedAt } from '../../shared/requests/access'
import { RequestDoc, RequestSummary, Step, SubjectRef, actorRoleLabel, type ActorRole, type HistoryAction, type HistoryDoc } from '../../shared/requests/schemas'
import { addWorkingDays, parseSlaConfig, slaWorkingDaysFor } from '../../shared/requests/sla'
import { isPending, transition, type RequestEvent, type RequestStatus } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { findById, withoutId } from '../db'
import './kinds'
import { remindReviewers, tellApplicant, deliverNow } from './notices'
import { displayName, loadReviewerGrants, loadUnion, reviewerOpenids } from './people'
import { getKind, type RequestKind } from './registry'
import { retryConflicts, runInTransaction, txAdd, txGet, txSet, txUpdate, type Transaction } from './tx'

export const REQUESTS = 'requests'
export const HISTORY = 'request_history'
export const LOCKS = 'request_locks'

const LockDoc = z.object({ _id: z.string(), requestId: z.string() })

/** Writes of the caller's own documents that belong in the same transaction as the request change. */
export type InTransaction = (tx: Transaction, request: RequestDoc) => Promise<void>

export interface SubmitRequestInput {
  kind: string
  /** the union the request is addressed to */
  unionId: string
  summary: { title: string; subtitle?: string }
  subjectRef: SubjectRef
  /** the applicant's name; stored masked (李*) */
  applicantName: string
  /** passed to the kind's chain() for kinds whose chain depends on the request (aid scheme, matter category) */
  chainVariant?: string
  /** choose the id to make a double tap harmless: a second submit with the same id returns the first request */
  requestId?: string
  /** at most one open request per key (e.g. `membership:${openid}`): a second submit while one is open is a CONFLICT */
  exclusiveKey?: string
  /** the CONFLICT message for a taken exclusiveKey */
  exclusiveMessage?: string
  /** the cadre who files for the applicant (代办; `ctx` is then the applicant's): they may not review it */
  filedBy?: string
}

export interface ActInput {
  requestId: string
  decision: 'approve' | 'reject' | 'return'
  reason?: string
  expectedVersion: number
}

export interface VersionedInput {
  requestId: string
  expectedVersion: number
}

/** A kind-specific move after approval (aid: 公示, 发放, 异议 reopening a desk). */
export interface AdvanceInput extends VersionedInput {
  to: RequestStatus
  /** the desk to reopen when `to` is a pending status */
  step?: number
  /** the kind's word for the history line (公示开始, 已发放 …) */
  note: string
  reason?: string
}

export interface TransitionOptions {
  inTransaction?: InTransaction
  /** push the messages right after commit (default true; batch approval pushes once at the end) */
  deliver?: boolean
  /** collects the outbox ids written, for callers that push later */
  outbox?: string[]
}

const newRequestId = (): string => randomBytes(12).toString('hex')

/** 办理时限 of a step that starts now, from the deployment's REVIEW_SLA_CONFIG and the kind's own default. */
function dueFrom(now: Date, kind: RequestKind): Date {
  const config = parseSlaConfig(process.env.REVIEW_SLA_CONFIG)
  return addWorkingDays(now, slaWorkingDaysFor(kind.kind, kind.slaWorkingDays, config), new Set(config.holidays))
}

const appErrorOf = (error: { code: 'CONFLICT' | 'INVALID_INPUT'; message: string; field?: string }): AppError =>
  new AppError(error.code, error.message, error.field ? { [error.field]: error.message } : undefined)

function reviewFields(request: Pick<RequestDoc, 'chain'>, status: RequestStatus, step: number, now: Date, kind: RequestKind) {
  if (!isPending(status)) return { reviewUnionId: '', reviewUnionPath: [], dueAt: null, overdue: false }
  const desk = request.chain[step]
  return { reviewUnionId: desk.unionId, reviewUnionPath: desk.unionPath, dueAt: dueFrom(now, kind), overdue: false }
}

async function addHistory(
  tx: Transaction,
  entry: Omit<HistoryDoc, '_id' | 'note'> & { note?: string },
): Promise<void> {
  await txAdd(tx, HISTORY, { ...entry, note: entry.note ?? '' })
}

async function readForUpdate(tx: Transaction, id: string): Promise<RequestDoc> {
  const raw = await txGet(tx, REQUESTS, id)
  if (raw === null) throw new AppError('NOT_FOUND', '没有找到这份申请，可能已被撤回')
  return RequestDoc.parse(raw)
}

/** A request by id, or NOT_FOUND. */
export async function loadRequest(ctx: Ctx, id: string): Promise<RequestDoc> {
  const request = await findById(ctx.db.collection(REQUESTS), id, RequestDoc)
  if (!request) throw new AppError('NOT_FOUND', '没有找到这份申请，可能已被撤回')
  return request
}

/**
 * Frees a closed request's exclusive key, after its transaction: one conditional remove (only a lock that
 * still names this request) instead of a read and a remove inside it. A lock left behind (the function
 * stopped in between) does no harm: submit replaces a lock whose request is closed.
 */
async function releaseLock(ctx: Ctx, request: RequestDoc): Promise<void> {
  if (!request.exclusiveKey || request.closedAt === null) return
  try {
    await ctx.db.collection(LOCKS).where({ _id: request.exclusiveKey, requestId: request._id }).remove()
  } catch (err) {
    console.error(`[requests] freeing the key of ${request._id} failed; the next submit replaces it`, err)
  }
}

/**
 * 提交: creates the request at the first desk of its chain, in one transaction with its history
 * line, the reviewers' messages, the exclusive-key lock and the caller's own writes.
 * Returns the request and whether this call created it (false when `requestId` was already used by the same applicant).
 */
export async function submitRequestDetailed(
  ctx: Ctx,
  input: SubmitRequestInput,
  options: TransitionOptions = {},
): Promise<{ request: RequestDoc; created: boolean }> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED')
  const kind = getKind(input.kind)
  const summary = RequestSummary.parse(input.summary)
  const subjectRef = SubjectRef.parse(input.subjectRef)
  const union = await loadUnion(ctx.db, input.unionId)
  const chain = z.array(Step).min(1).parse(await kind.chain(union, ctx, input.chainVariant))
  const moved = transition({ status: 'draft', step: 0, chainLength: chain.length }, { type: 'submit' }, kind.flow)
  if (!moved.ok) throw appErrorOf(moved.error)
  // the applicant never decides her own request (a chair's 除名 proposal goes to another approver or up a level)
  const reviewers = await reviewerOpenids(ctx.db, chain[0], [...(input.filedBy ? [input.filedBy] : []), ctx.openid], kind.kind)
  const applicantName = maskName(input.applicantName.trim() || '申请人')
  const actorName = input.applicantName.trim() ? applicantName : '申请人'
  const outbox: string[] = []

  const result = await runInTransaction(ctx.db, async (tx) => {
    outbox.length = 0
    if (input.requestId) {
      const existing = await txGet(tx, REQUESTS, input.requestId)
      if (existing !== null) {
        const earlier = RequestDoc.parse(existing)
        if (earlier.applicantOpenid !== ctx.openid || earlier.kind !== kind.kind) throw new AppError('CONFLICT')
        return { request: earlier, created: false }
      }
    }
    const id = input.requestId ?? newRequestId()
    if (input.exclusiveKey) {
      const lock = LockDoc.safeParse(await txGet(tx, LOCKS, input.exclusiveKey))
      if (lock.success) {
        const holder = await txGet(tx, REQUESTS, lock.data.requestId)
        const held = holder === null ? null : RequestDoc.parse(holder)
        if (held && held.exclusiveKey === input.exclusiveKey && held.closedAt === null) {
          throw new AppError('CONFLICT', input.exclusiveMessage ?? `您已有一份正在办理的${kind.label}，请等处理完再提交`)
        }
      }
      await txSet(tx, LOCKS, input.exclusiveKey, { requestId: id, kind: kind.kind, openid: ctx.openid, createdAt: ctx.now })
    }
    const request: RequestDoc = {
      _id: id,
      kind: kind.kind,
      applicantOpenid: ctx.openid,
      applicantName,
      unionId: union._id,
      unionPath: union.path,
      status: moved.next.status,
      step: moved.next.step,
      chain,
      ...reviewFields({ chain }, moved.next.status, moved.next.step, ctx.now, kind),
      summary,
      subjectRef,
      submittedAt: ctx.now,
      updatedAt: ctx.now,
      version: 1,
      closedAt: null,
      lastReason: '',
      exclusiveKey: input.exclusiveKey ?? '',
      filedByOpenid: input.filedBy && input.filedBy !== ctx.openid ? input.filedBy : '',
      deciders: [],
    }
    await txSet(tx, REQUESTS, id, withoutId(request))
    await addHistory(tx, {
      requestId: id,
      at: ctx.now,
      actorOpenid: ctx.openid,
      actorName,
      actorRole: 'applicant',
      action: 'submit',
      fromStatus: 'draft',
      toStatus: request.status,
      step: 0,
      reason: '',
    })
    outbox.push(...(await remindReviewers(tx, request, reviewers, '待审批', ctx.now)))
    await kind.onTransition?.(tx, request, { from: 'draft', event: { type: 'submit' } }, ctx)
    await options.inTransaction?.(tx, request)
    return { request, created: true }
  })
  await finish(ctx, outbox, options)
  return result
}

/** 提交 (see submitRequestDetailed): the request as stored. */
export async function submitRequest(ctx: Ctx, input: SubmitRequestInput, options: TransitionOptions = {}): Promise<RequestDoc> {
  return (await submitRequestDetailed(ctx, input, options)).request
}

async function finish(ctx: Ctx, outbox: string[], options: TransitionOptions): Promise<void> {
  options.outbox?.push(...outbox)
  if (options.deliver !== false) await deliverNow(ctx, outbox)
}

interface Move {
  request: RequestDoc
  event: RequestEvent
  action: HistoryAction
  actorRole: ActorRole
  /** read once the kind's before-move work passed (a refused approval never reads it), while the transaction starts */
  actorName: () => Promise<string>
  reason: string
  note?: string
  expectedVersion: number
  /** reviewers of the desk the request moves to (read before the transaction) */
  nextReviewers: (status: RequestStatus, step: number) => Promise<string[]>
  /** the applicant hears about approve / reject / return */
  tellApplicant: boolean
  /** a reviewer's decision at the current step: recorded in `deciders`, and checked against them again inside the transaction */
  decidedBy?: string
}

/**
 * A write conflict on some other document of the transaction (a fund's ledger, a seat) is tried again;
 * the retry re-reads the request, so a real race for the request itself still ends in CONFLICT from the
 * version check rather than a second decision.
 */
const CONFLICT_ATTEMPTS = 5

/** One transition in one transaction: re-read, check the version, update, history, messages, hooks. */
async function move(ctx: Ctx, m: Move, options: TransitionOptions): Promise<RequestDoc> {
  const kind = getKind(m.request.kind)
  const planned = transition({ status: m.request.status, step: m.request.step, chainLength: m.request.chain.length }, m.event, kind.flow)
  if (!planned.ok) throw appErrorOf(planned.error)
  const reviewers = await m.nextReviewers(planned.next.status, planned.next.step)
  const outbox: string[] = []
  const undo = await kind.beforeMove?.(m.request, m.event, ctx)
  const actorName = m.actorName()
  // awaited inside the transaction; a failure before that must not leave it unhandled
  actorName.catch(() => undefined)

  const updated = await retryConflicts(() => runInTransaction(ctx.db, async (tx) => {
    outbox.length = 0
    const fresh = await readForUpdate(tx, m.request._id)
    if (fresh.version !== m.expectedVersion || fresh.status !== m.request.status || fresh.step !== m.request.step) {
      throw new AppError('CONFLICT', '这份申请刚刚已被处理或修改，请刷新后再看')
    }
    const next = transition({ status: fresh.status, step: fresh.step, chainLength: fresh.chain.length }, m.event, kind.flow)
    if (!next.ok) throw appErrorOf(next.error)
    const recused = m.decidedBy ? recusalAt(fresh, m.decidedBy, fresh.step) : null
    if (recused) throw new AppError('FORBIDDEN', recused)
    const { status, step, closed } = next.next
    const decided = m.event.type === 'reject' || m.event.type === 'return'
    const restarted = m.event.type === 'resubmit'
    const changes = {
      status,
      step,
      ...reviewFields(fresh, status, step, ctx.now, kind),
      updatedAt: ctx.now,
      version: fresh.version + 1,
      closedAt: closed ? ctx.now : null,
      lastReason: decided ? m.reason : restarted ? '' : fresh.lastReason,
      ...(restarted ? { submittedAt: ctx.now } : {}),
      ...(m.decidedBy && !(fresh.deciders ?? []).some((d) => d.openid === m.decidedBy && d.step === fresh.step)
        ? { deciders: [...(fresh.deciders ?? []), { step: fresh.step, openid: m.decidedBy }] }
        : {}),
    }
    const after: RequestDoc = { ...fresh, ...changes }
    await txUpdate(tx, REQUESTS, fresh._id, changes)
    await addHistory(tx, {
      requestId: fresh._id,
      at: ctx.now,
      actorOpenid: ctx.openid,
      actorName: await actorName,
      actorRole: m.actorRole,
      action: m.action,
      fromStatus: fresh.status,
      toStatus: status,
      step: fresh.step,
      reason: m.reason,
      note: m.note,
    })
    if (isPending(status)) outbox.push(...(await remindReviewers(tx, after, reviewers, '待审批', ctx.now)))
    if (m.tellApplicant && (status === 'rejected' || status === 'returned')) outbox.push(await tellApplicant(tx, after, kind, status, ctx.now))
    const finalApproval = m.event.type === 'approve' && !isPending(status)
    if (m.tellApplicant && finalApproval) outbox.push(await tellApplicant(tx, after, kind, 'approved', ctx.now))
    if (finalApproval) await kind.onApproved?.(tx, after, ctx)
    if (status === 'rejected') await kind.onRejected?.(tx, after, ctx)
    await kind.onTransition?.(tx, after, { from: fresh.status, event: m.event }, ctx)
    await options.inTransaction?.(tx, after)
    return after
  }), CONFLICT_ATTEMPTS).catch(async (err: unknown) => {
    if (undo) await undo().catch((e: unknown) => console.error(`[requests] undoing the before-move work of ${m.request._id} failed`, e))
    throw err
  })
  await releaseLock(ctx, updated)
  await finish(ctx, outbox, options)
  await kind.afterTransition?.(updated, ctx).catch((err: unknown) => console.error(`[requests] after-move work of ${updated._id} failed`, err))
  return updated
}

const actorRoleOf = (role: string | undefined): ActorRole => (role === 'chair' || role === 'vice_chair' || role === 'staff' ? role : 'system')

/**
 * 审批: approve, reject or return at the current desk. FORBIDDEN unless the caller may act at
 * that desk (and is not the applicant); CONFLICT when the request moved since `expectedVersion`.
 */
export async function actOnRequest(ctx: Ctx, input: ActInput, options: TransitionOptions = {}): Promise<RequestDoc> {
  return actOn(ctx, await loadRequest(ctx, input.requestId), input, options)
}

/** actOnRequest on a request the caller read just now (the transaction reads it again for the version check). */
async function actOn(ctx: Ctx, request: RequestDoc, input: ActInput, options: TransitionOptions): Promise<RequestDoc> {
  const grants = await loadReviewerGrants(ctx)
  if (!isReviewerOf(grants, request)) throw new AppError('FORBIDDEN', '您不是这份申请的审批人')
  if (request.applicantOpenid === ctx.openid) throw new AppError('FORBIDDEN', '不能审批自己提交的申请')
  if (request.version !== input.expectedVersion) throw new AppError('CONFLICT', '这份申请刚刚已被处理或修改，请刷新后再看')
  const desk = request.chain[request.step]
  const grant = actingGrant(grants, desk, request.kind)
  if (isPending(request.status) && !grant) throw new AppError('FORBIDDEN', `这一步由${desk.unionName}审核，您不能处理`)
  const recused = recusalAt(request, ctx.openid, request.step)
  if (recused) throw new AppError('FORBIDDEN', recused)
  const reason = (input.reason ?? '').trim()
  const event: RequestEvent =
    input.decision === 'approve' ? { type: 'approve', reason } : input.decision === 'reject' ? { type: 'reject', reason } : { type: 'return', reason }
  const actorRole = actorRoleOf(grant?.role)
  return move(
    ctx,
    {
      request,
      event,
      action: input.decision,
      actorRole,
      actorName: () => displayName(ctx.db, ctx.openid, actorRoleLabel[actorRole]),
      reason,
      expectedVersion: input.expectedVersion,
      nextReviewers: async (status, step) =>
        isPending(status) && step !== request.step
          ? reviewerOpenids(ctx.db, request.chain[step], recusedAt({ ...request, deciders: [...(request.deciders ?? []), { step: request.step, openid: ctx.openid }] }, step), request.kind)
          : [],
      tellApplicant: true,
      decidedBy: ctx.openid,
    },
    options,
  )
}

async function applicantMove(
  ctx: Ctx,
  input: VersionedInput,
  event: Extract<RequestEvent, { type: 'resubmit' | 'withdraw' }>,
  reason: string,
  options: TransitionOptions,
): Promise<RequestDoc> {
  const request = await loadRequest(ctx, input.requestId)
  if (request.applicantOpenid !== ctx.openid) throw new AppError('FORBIDDEN', '只有申请人本人可以这样做')
  if (request.version !== input.expectedVersion) throw new AppError('CONFLICT', '这份申请刚刚有了变化，请刷新后再看')
  return move(
    ctx,
    {
      request,
      event,
      action: event.type,
      actorRole: 'applicant',
      actorName: async () => request.applicantName,
      reason,
      expectedVersion: input.expectedVersion,
      nextReviewers: async (status, step) => (isPending(status) ? reviewerOpenids(ctx.db, request.chain[step], recusedAt(request, step), request.kind) : []),
      tellApplicant: false,
    },
    options,
  )
}

/** 重新提交 after a return: back to the first desk, version + 1. Use `inTransaction` to save the corrections with it. */
export function resubmitRequest(ctx: Ctx, input: VersionedInput, options: TransitionOptions = {}): Promise<RequestDoc> {
  return applicantMove(ctx, input, { type: 'resubmit' }, '', options)
}

/** 撤回 by the applicant while nobody has decided yet (or after a return). */
export function withdrawRequest(ctx: Ctx, input: VersionedInput & { reason?: string }, options: TransitionOptions = {}): Promise<RequestDoc> {
  return applicantMove(ctx, input, { type: 'withdraw' }, (input.reason ?? '').trim(), options)
}

/**
 * A kind's own move after approval (aid: approved → publicized → disbursed; an objection reopens a desk).
 * By default only a reviewer of the request or a timer may do it; pass `authorized: true` when the
 * caller checked a different rule itself (e.g. any member may file 异议).
 */
export async function advanceRequest(
  ctx: Ctx,
  input: AdvanceInput,
  options: TransitionOptions & { authorized?: boolean } = {},
): Promise<RequestDoc> {
  const request = await loadRequest(ctx, input.requestId)
  const grants = await loadReviewerGrants(ctx)
  const isTimer = ctx.openid === ''
  if (!options.authorized && !isTimer && !isReviewerOf(grants, request)) throw new AppError('FORBIDDEN', '您不是这份申请的审批人')
  if (request.version !== input.expectedVersion) throw new AppError('CONFLICT', '这份申请刚刚有了变化，请刷新后再看')
  const grant = request.chain.map((s) => actingGrant(grants, s, request.kind)).find((g) => g !== null) ?? null
  const actorRole: ActorRole = isTimer ? 'system' : actorRoleOf(grant?.role)
  return move(
    ctx,
    {
      request,
      event: { type: 'advance', to: input.to, step: input.step },
      action: 'advance',
      actorRole,
      actorName: async () => (isTimer ? '系统' : displayName(ctx.db, ctx.openid, actorRoleLabel[actorRole])),
      reason: (input.reason ?? '').trim(),
      note: input.note,
      expectedVersion: input.expectedVersion,
      nextReviewers: async (status, step) => (isPending(status) ? reviewerOpenids(ctx.db, request.chain[step], recusedAt(request, step), request.kind) : []),
      tellApplicant: false,
    },
    options,
  )
}

export type BatchItemResult = { requestId: string; ok: true; request: RequestDoc } | { requestId: string; ok: false; code: string; message: string }

/**
 * 批量通过: each item in its own transaction, one after another, so one stale or refused item
 * never blocks or undoes the others. Messages are pushed once at the end.
 */
export async function batchApprove(ctx: Ctx, items: ReadonlyArray<VersionedInput>, note = ''): Promise<BatchItemResult[]> {
  const outbox: string[] = []
  const results: BatchItemResult[] = []
  for (const item of items) {
    try {
      const request = await loadRequest(ctx, item.requestId)
      if (getKind(request.kind).batchApprove === false) throw new AppError('FORBIDDEN', `${getKind(request.kind).label}需要逐条审核，不能批量通过`)
      const done = await actOn(ctx, request, { ...item, decision: 'approve', reason: note }, { deliver: false, outbox })
      results.push({ requestId: item.requestId, ok: true, request: done })
    } catch (err) {
      if (err instanceof AppError) results.push({ requestId: item.requestId, ok: false, code: err.code, message: err.message })
      else {
        console.error(`[requests] batch approval of ${item.requestId} failed`, err)
        results.push({ requestId: item.requestId, ok: false, code: 'INTERNAL', message: '系统开小差了，这一条没有处理，请稍后再试' })
      }
    }
  }
  await deliverNow(ctx, outbox)
  return results
}
