import { z } from 'zod'
import type { DB } from 'wx-server-sdk'
import { AppError } from '../../shared/contract'
import { canSeeRequest, isReviewerOf, recusalAt, recusedAt, reviewingGrants, type ReviewerGrant } from '../../shared/requests/access'
import { maskName } from '../../shared/privacy/mask'
import { HistoryDoc, RequestDoc } from '../../shared/requests/schemas'
import { isPending } from '../../shared/requests/state'
import { chainProgress, cursorOf, parseCursor, type KindCount, type ListPendingOutput, type MyRequestsOutput, type PendingCountOutput, type RequestDetail } from '../../shared/requests/views'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { HISTORY, REQUESTS, loadRequest } from './engine'
import { displayName, escalatedAbove, loadReviewerGrants } from './people'
import { findKind, kindLabelOf } from './registry'
import { canActNow, toHistoryView, toItem } from './views'

/** A page of a list: explicit limit ≤ 50 and a range cursor on (submittedAt, _id). */
export interface PageInput {
  kind?: string
  cursor?: string
  limit: number
}

type Condition = DB.IQueryCondition

/**
 * What a reviewer's 待办 covers, as disjoint conditions, each answered by one index:
 * chairs and designated vice-chairs see the requests waiting at their union
 * (`reviewUnionId`), staff see every request waiting anywhere in their subtree
 * (`reviewUnionPath`, multikey). A scope inside another scope is dropped so nothing counts twice.
 */
export function pendingScopes(grants: readonly ReviewerGrant[], command?: Ctx['db']['command']): Condition[] {
  const reviewing = reviewingGrants(grants)
  const staff = reviewing.filter((g) => g.role === 'staff')
  const coveredBy = (path: readonly string[], self: string) => staff.some((s) => s.unionId !== self && path.includes(s.unionId))
  const scopes = new Map<string, Condition>()
  for (const g of staff) if (!coveredBy(g.unionPath, g.unionId)) scopes.set(`p:${g.unionId}`, { reviewUnionPath: g.unionId })
  // a vice-chair designated for some kinds only sees those kinds, unless a wider grant at the same union covers all
  const wholeUnion = new Set(reviewing.filter((g) => g.role !== 'vice_chair' || g.approver === true).map((g) => g.unionId))
  for (const g of reviewing) {
    if (g.role === 'staff' || staff.some((s) => g.unionPath.includes(s.unionId))) continue
    const kinds = g.approverKinds ?? []
    if (wholeUnion.has(g.unionId) || !command) scopes.set(`u:${g.unionId}`, { reviewUnionId: g.unionId })
    else if (!scopes.has(`u:${g.unionId}`)) scopes.set(`u:${g.unionId}`, { reviewUnionId: g.unionId, kind: command.in(kinds) })
  }
  return [...scopes.values()]
}

function afterCursor(db: Ctx['db'], cursor: string | undefined, direction: 'asc' | 'desc'): Condition | null {
  if (!cursor) return null
  const _ = db.command
  const { at, id } = parseCursor(cursor)
  const beyond = (value: Date | string) => (direction === 'asc' ? _.gt(value) : _.lt(value))
  return _.or({ submittedAt: beyond(at) }, { submittedAt: at, _id: beyond(id) })
}

async function page(ctx: Ctx, where: Condition, input: PageInput, direction: 'asc' | 'desc'): Promise<RequestDoc[]> {
  const _ = ctx.db.command
  const scoped = input.kind ? _.and(where, { kind: input.kind }) : where
  const cursor = afterCursor(ctx.db, input.cursor, direction)
  const query: DB.Query = ctx.db
    .collection(REQUESTS)
    .where(cursor ? _.and(scoped, cursor) : scoped)
    .orderBy('submittedAt', direction)
    .orderBy('_id', direction)
  return findMany(query, RequestDoc, input.limit + 1)
}

const byOldest = (a: RequestDoc, b: RequestDoc) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

const CountRow = z.object({ _id: z.string(), count: z.number().int(), overdue: z.number().int() })
const AggregateResult = z.object({ list: z.array(CountRow) })

/** Pending per kind inside one scope: one aggregate whose leading $match is the scope's index. */
async function countByKind(ctx: Ctx, scope: Condition): Promise<Array<z.infer<typeof CountRow>>> {
  const $ = ctx.db.command.aggregate
  const res = await ctx.db
    .collection(REQUESTS)
    .aggregate()
    .match(scope)
    .group({ _id: '$kind', count: $.sum(1), overdue: $.sum($.cond({ if: '$overdue', then: 1, else: 0 })) })
    .end()
  return AggregateResult.parse(res).list
}

/**
 * 待办: requests waiting for the caller, oldest first, with the count per kind over the whole
 * scope. FORBIDDEN for anyone who reviews nothing.
 */
export async function listPending(ctx: Ctx, input: PageInput): Promise<ListPendingOutput> {
  const grants = await loadReviewerGrants(ctx)
  const scopes = pendingScopes(grants, ctx.db.command)
  if (scopes.length === 0) throw new AppError('FORBIDDEN', '只有工会主席、主席指定的副主席和工会干部可以查看待办')
  const [pages, counted] = await Promise.all([
    Promise.all(scopes.map((scope) => page(ctx, scope, input, 'asc'))),
    Promise.all(scopes.map((scope) => countByKind(ctx, scope))),
  ])
  const merged = pages.flat().sort(byOldest)
  const shown = merged.slice(0, input.limit)
  const perKind = new Map<string, { count: number; overdue: number }>()
  for (const row of counted.flat()) {
    const seen = perKind.get(row._id) ?? { count: 0, overdue: 0 }
    perKind.set(row._id, { count: seen.count + row.count, overdue: seen.overdue + row.overdue })
  }
  const counts: KindCount[] = [...perKind.entries()]
    .map(([kind, c]) => ({ kind, label: kindLabelOf(kind), count: c.count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind))
  return {
    items: shown.map((r) => toItem(r, ctx.openid, grants)),
    counts,
    total: counts.reduce((n, c) => n + c.count, 0),
    overdueTotal: [...perKind.values()].reduce((n, c) => n + c.overdue, 0),
    nextCursor: merged.length > input.limit ? cursorOf(shown[shown.length - 1]) : null,
  }
}

/**
 * How many requests wait for the caller, and how many of those are overdue: the same per-scope
 * aggregates as the 待办 counts, without reading a page. Someone who reviews nothing gets 0, not
 * FORBIDDEN, so every home screen may ask.
 */
export async function pendingCount(ctx: Ctx): Promise<PendingCountOutput> {
  const scopes = pendingScopes(await loadReviewerGrants(ctx), ctx.db.command)
  const rows = (await Promise.all(scopes.map((scope) => countByKind(ctx, scope)))).flat()
  return { total: rows.reduce((n, r) => n + r.count, 0), overdue: rows.reduce((n, r) => n + r.overdue, 0) }
}

/** 我的申请: the caller's own requests, newest first. */
export async function myRequests(ctx: Ctx, input: PageInput): Promise<MyRequestsOutput> {
  const [found, ownName] = await Promise.all([page(ctx, { applicantOpenid: ctx.openid }, input, 'desc'), displayName(ctx.db, ctx.openid, '')])
  const shown = found.slice(0, input.limit)
  return {
    items: shown.map((r) => toItem(r, ctx.openid, ctx.grants, ownName)),
    nextCursor: found.length > input.limit ? cursorOf(shown[shown.length - 1]) : null,
  }
}

/** A request's full history, oldest first. */
export async function historyOf(ctx: Ctx, requestId: string): Promise<HistoryDoc[]> {
  const query = ctx.db.collection(HISTORY).where({ requestId }).orderBy('at', 'asc').orderBy('_id', 'asc')
  return findMany(query, HistoryDoc, 100)
}

/**
 * One request with its chain, its reviewer-facing fields and its history, for its applicant and
 * its reviewers; FORBIDDEN for everyone else. The applicant sees the fields too (they are theirs).
 */
export async function getRequest(ctx: Ctx, requestId: string): Promise<RequestDetail> {
  const request = await loadRequest(ctx, requestId)
  const grants = await loadReviewerGrants(ctx)
  if (!canSeeRequest(ctx.openid, grants, request)) throw new AppError('FORBIDDEN', '您无权查看这份申请')
  const kind = findKind(request.kind)
  const isReviewer = isReviewerOf(grants, request)
  const [fields, history] = await Promise.all([kind ? kind.describe(request, ctx, { reviewer: isReviewer }) : Promise.resolve([]), historyOf(ctx, request._id)])
  const isApplicant = request.applicantOpenid === ctx.openid
  // The heading names the applicant as the body below does: in full when the kind gives this viewer
  // the full name (the applicant, a reviewer entitled to it), masked otherwise.
  const fullName = fields.find((f) => f.label === '姓名' && !f.sensitive && f.value !== request.applicantName && maskName(f.value) === request.applicantName)?.value
  const shownName = fullName ?? (isApplicant ? await displayName(ctx.db, ctx.openid, '') : '')
  const pending = isPending(request.status)
  const desk = request.chain[request.step]
  const escalated = isReviewer && pending && desk !== undefined && (await escalatedAbove(ctx.db, desk, recusedAt(request, request.step), request.kind))
  return {
    request: toItem(request, ctx.openid, grants, shownName),
    chain: chainProgress(request),
    fields,
    history: history.map(toHistoryView),
    subject: { id: request.subjectRef.id, page: kind?.applicantPage?.(request) ?? null },
    escalation: escalated ? `${desk.unionName}没有可以审核这一步的人（已审核过其他步骤或代为申请的人按规定回避），这一步由上级工会审核` : null,
    viewer: {
      recusal: isReviewer && pending ? recusalAt(request, ctx.openid, request.step) : null,
      isApplicant,
      isReviewer,
      canAct: canActNow(request, ctx.openid, grants),
      canWithdraw: isApplicant && (isPending(request.status) || request.status === 'returned'),
      canResubmit: isApplicant && request.status === 'returned',
    },
  }
}
