import { formatDateTime } from '../../shared/date'
import { EventRecord, SignupRecord } from '../../shared/events/schemas'
import type { RequestDoc } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import { findById } from '../db'
import { registerKind, reviewStep } from '../requests/registry'
import type { Transaction } from '../requests/tx'
import { EV, SIGNUP_KIND, eventPage } from './collections'
import { addEventHistory } from './history'
import { endSignup, eventIdOfSignup, readSignup, settleEnded, updateWithTeam } from './places'

async function signupOf(tx: Transaction, request: RequestDoc): Promise<SignupRecord | null> {
  return readSignup(tx, request.subjectRef.id)
}

/**
 * 活动报名审核, for events whose sign-ups need a look first: the organising union's chair (or the
 * federation staff) decides. The place is held from the sign-up on, so an approval can never exceed
 * the capacity; a rejection or withdrawal frees it for the next in the queue.
 */
export const signupKind = registerKind({
  kind: SIGNUP_KIND,
  label: '活动报名',
  slaWorkingDays: 3,
  async chain(target) {
    return [reviewStep(target, '活动报名审核')]
  },
  async onApproved(tx, request, ctx) {
    const signup = await signupOf(tx, request)
    if (!signup || (signup.status !== 'pending' && signup.status !== 'waitlisted')) return
    await updateWithTeam(tx, signup, { approved: true, ...(signup.status === 'pending' ? { status: 'confirmed' as const } : {}) }, ctx.now)
    await addEventHistory(tx, signup.eventId, 'approve', ctx, signup._id)
  },
  async onRejected(tx, request, ctx) {
    await endSignup(tx, request.subjectRef.id, 'rejected', ctx)
  },
  async onTransition(tx, request, change, ctx) {
    if (change.event.type === 'withdraw') await endSignup(tx, request.subjectRef.id, 'cancelled', ctx)
  },
  async afterTransition(request, ctx) {
    if (request.status !== 'rejected' && request.status !== 'withdrawn') return
    const event = await findById(ctx.db.collection(EV.events), eventIdOfSignup(request.subjectRef.id), EventRecord)
    if (event) await settleEnded(ctx, event, request.subjectRef.id)
  },
  async describe(request: RequestDoc, ctx: Ctx) {
    const signup = await findById(ctx.db.collection(EV.signups), request.subjectRef.id, SignupRecord)
    const event = signup ? await findById(ctx.db.collection(EV.events), signup.eventId, EventRecord) : null
    if (!signup || !event) return [{ label: '报名内容', value: '（报名已不存在）' }]
    const answers = event.fields.map((f) => ({ label: f.label, value: String(signup.answers[f.key] ?? '未填') }))
    return [
      { label: '活动', value: event.title },
      { label: '时间', value: formatDateTime(event.startAt) },
      { label: '地点', value: event.place },
      { label: '报名人', value: signup.name },
      { label: '所在单位', value: signup.unionName || '（非会员）' },
      { label: '名额', value: signup.status === 'waitlisted' ? '候补中（有名额时递补）' : '已占名额' },
      ...answers,
    ]
  },
  applicantPage: (request) => eventPage(eventIdOfSignup(request.subjectRef.id)),
})
