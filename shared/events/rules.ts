import { z } from 'zod'
import { inChina } from '../date'
import { Phone } from '../domain/person'
import { findIdNumberProblem, idNumberMessages, normalizeIdNumber } from '../privacy/idNumber'
import type { Gender } from '../membership/schemas'
import { type Answers, type EventFields, type EventKind, type EventStatus, type FormField, type SignupRecord, genderRuleLabel } from './schemas'

/** 比赛成绩 belong to contests (文体活动, 技能竞赛); a lecture or a visit has none. */
export const RESULT_KINDS: readonly EventKind[] = ['sports', 'skills']
export const hasResults = (kind: EventKind): boolean => RESULT_KINDS.includes(kind)

/**
 * 录入成绩: null when results may be recorded now, else why not. Only for kinds that have results, and
 * only from the start on (nobody has a placing before the contest).
 */
export function resultsProblem(event: { kind: EventKind; status: EventStatus; startAt: Date }, now: Date): string | null {
  if (!hasResults(event.kind)) return '这类活动没有比赛成绩'
  if (event.status === 'draft' || event.status === 'cancelled') return '活动未发布或已取消，不能录入成绩'
  if (now < event.startAt) return '活动开始后才能录入成绩'
  return null
}

/** Who is asking to sign up, as far as the rules care. */
export interface Entrant {
  /** path of the union the person is an active member of (root first), or null for a non-member */
  memberUnionPath: readonly string[] | null
  gender: Gender | null
  birthYear: number | null
}

type Scoped = Pick<EventFields, 'scope' | 'membersOnly' | 'unionIds' | 'gender' | 'minAge' | 'maxAge'> & { unionId: string }
type Windowed = Pick<EventFields, 'signupOpensAt' | 'signupClosesAt'> & { status: EventStatus }

/** `u:<id>` for one union's own events, `t:<id>` for a federation's subtree-wide events. */
export const scopeKeyOf = (scope: EventFields['scope'], unionId: string): string => (scope === 'subtree' ? `t:${unionId}` : `u:${unionId}`)

/** The scope keys a member of the union at `path` can see: their own union's events and every ancestor's subtree events. */
export const visibleScopeKeys = (path: readonly string[]): string[] => {
  const own = path[path.length - 1]
  return [...(own ? [`u:${own}`] : []), ...path.map((id) => `t:${id}`)]
}

/** Does a member of the union at `path` fall within the event's unions? */
export function unionInScope(event: Scoped, path: readonly string[]): boolean {
  const own = path[path.length - 1]
  const inTree = event.scope === 'subtree' ? path.includes(event.unionId) : own === event.unionId
  if (!inTree) return false
  return event.unionIds.length === 0 || event.unionIds.some((id) => path.includes(id))
}

/** Age on the event's day, from the birth year on file (the ID number gives the year; a day of error is accepted). */
export const ageIn = (year: number, birthYear: number): number => year - birthYear

/**
 * 报名资格: null when the person may sign up, else the reason in plain words.
 * Window and seat checks are separate (signupWindowProblem); this is about who the person is.
 */
export function eligibilityProblem(event: Scoped & { startAt: Date }, who: Entrant): string | null {
  if (event.membersOnly) {
    if (!who.memberUnionPath) return '本活动仅限工会会员报名，请先入会'
    if (!unionInScope(event, who.memberUnionPath)) return '本活动只面向指定工会的会员，您所在的工会不在范围内'
  }
  if (event.gender !== 'any') {
    if (!who.gender) return `本活动${genderRuleLabel[event.gender]}报名，请先在个人资料中填写身份证号`
    if (event.gender !== who.gender) return `本活动${genderRuleLabel[event.gender]}报名`
  }
  if (event.minAge !== null || event.maxAge !== null) {
    if (who.birthYear === null) return '本活动有年龄要求，请先在个人资料中填写身份证号'
    const age = ageIn(inChina(event.startAt).year(), who.birthYear)
    if (event.minAge !== null && age < event.minAge) return `本活动要求年满${event.minAge}岁`
    if (event.maxAge !== null && age > event.maxAge) return `本活动要求年龄不超过${event.maxAge}岁`
  }
  return null
}

/** 报名时间: null when sign-up is open at `now`. */
export function signupWindowProblem(event: Windowed, now: Date): string | null {
  if (event.status === 'cancelled') return '活动已取消'
  if (event.status === 'finished') return '活动已结束'
  if (event.status !== 'published') return '活动还没有发布'
  if (now < event.signupOpensAt) return '报名还没有开始'
  if (now >= event.signupClosesAt) return '报名已截止'
  return null
}

/** A sign-up may be cancelled (or a teammate removed) until the sign-up deadline, while the event is on. */
export function cancelProblem(event: Windowed, now: Date): string | null {
  if (event.status !== 'published') return event.status === 'cancelled' ? '活动已取消' : '活动已结束'
  if (now >= event.signupClosesAt) return '报名已截止，不能再取消；如有特殊情况请联系工会'
  return null
}

/** Who may sign up, in plain words, for the event page. */
export function ruleLines(event: Scoped & Pick<EventFields, 'mode' | 'teamSize' | 'needsApproval'>, unionName: string): string[] {
  const lines: string[] = []
  lines.push(event.membersOnly ? `${unionName}${event.scope === 'subtree' ? '及下属工会' : ''}的会员可以报名` : '公开活动，所有职工都可以报名')
  if (event.gender !== 'any') lines.push(genderRuleLabel[event.gender])
  if (event.minAge !== null && event.maxAge !== null) lines.push(`年龄${event.minAge}至${event.maxAge}岁`)
  else if (event.minAge !== null) lines.push(`年满${event.minAge}岁`)
  else if (event.maxAge !== null) lines.push(`年龄不超过${event.maxAge}岁`)
  if (event.mode === 'team') lines.push(`组队报名，每队${event.teamSize ?? 0}人（含队长），名额按队计算`)
  if (event.needsApproval) lines.push('报名后需工会审核')
  return lines
}

/** The zod schema of one event's form: answers are checked against the fields the chair chose. */
export function answersSchema(fields: readonly FormField[]) {
  const shape: Record<string, z.ZodType> = {}
  for (const f of fields) {
    let one: z.ZodType
    if (f.type === 'choice') one = z.enum(f.options as [string, ...string[]], { error: `请选择${f.label}` })
    else if (f.type === 'number') {
      let n = z.coerce.number({ error: `${f.label}请填写数字` }).int(`${f.label}请填写整数`)
      if (f.min !== null) n = n.min(f.min, `${f.label}不能小于${f.min}`)
      if (f.max !== null) n = n.max(f.max, `${f.label}不能大于${f.max}`)
      one = n
    } else if (f.type === 'phone') one = Phone // 中国大陆手机号, as every form of the app checks it
    else if (f.type === 'idNumber') {
      // the GB 11643 check (region, birth date, check character) the membership form uses
      one = z.string({ error: `请填写${f.label}` }).transform(normalizeIdNumber).superRefine((id, ctx) => {
        const problem = findIdNumberProblem(id)
        if (problem) ctx.addIssue({ code: 'custom', message: idNumberMessages[problem] })
      })
    } else one = z.string({ error: `请填写${f.label}` }).trim().min(f.required ? 1 : 0, `请填写${f.label}`).max(60, `${f.label}最多60个字`)
    // an optional question left blank arrives as '': read it as not answered, then check what was answered
    shape[f.key] = f.required ? one : z.preprocess((v) => (v === '' ? undefined : v), one.optional())
  }
  return z.object(shape).strip()
}

/** Parses answers against the event's fields; issues are keyed `answers.<key>` for the form. */
export function parseAnswers(fields: readonly FormField[], raw: Answers): { ok: true; answers: Answers } | { ok: false; fields: Record<string, string> } {
  const res = answersSchema(fields).safeParse(raw)
  if (!res.success) {
    const out: Record<string, string> = {}
    for (const issue of res.error.issues) {
      const key = `answers.${issue.path.map(String).join('.')}`
      if (!(key in out)) out[key] = issue.message
    }
    return { ok: false, fields: out }
  }
  const answers: Answers = {}
  for (const [k, v] of Object.entries(res.data)) if (typeof v === 'string' || typeof v === 'number') answers[k] = v
  return { ok: true, answers }
}

/** 签到情况, as the participant list and the worker's page show it. */
export function attendanceLabel(s: Pick<SignupRecord, 'status' | 'checkedInAt' | 'late' | 'noShow'>): string {
  if (s.status !== 'confirmed') return ''
  if (s.checkedInAt) return s.late ? '迟到' : '已签到'
  return s.noShow ? '缺席' : '未签到'
}

/**
 * Check-in is open from an hour before the start to the end. Outside it the answer says when (an
 * expected situation the page shows as information, not an error): 签到将于 12月5日 13:00 开放.
 */
export const CHECKIN_OPENS_MINUTES_BEFORE = 60
export function checkInProblem(event: { status: EventStatus; startAt: Date; endAt: Date }, now: Date): string | null {
  if (event.status === 'cancelled') return '活动已取消'
  if (event.status === 'draft') return '活动还没有发布'
  const opensAt = event.startAt.getTime() - CHECKIN_OPENS_MINUTES_BEFORE * 60_000
  if (now.getTime() < opensAt) return `签到将于 ${inChina(opensAt).format('M月D日 HH:mm')} 开放（活动开始前${CHECKIN_OPENS_MINUTES_BEFORE}分钟）`
  if (now >= event.endAt) return '活动已结束，不能再签到'
  return null
}

export const isLate = (event: { startAt: Date; lateAfterMinutes: number }, at: Date): boolean => at.getTime() > event.startAt.getTime() + event.lateAfterMinutes * 60_000

/**
 * 收紧报名条件: once people have signed up, the rules of who may take part can only be relaxed; the
 * first rule an edit would tighten (so that someone already signed up might no longer qualify), or null.
 * Refusing keeps every sign-up valid without re-judging people the organiser has already accepted.
 */
export function tightenedRule(before: Omit<Scoped, 'unionId'>, after: Omit<Scoped, 'unionId'>): { field: keyof Scoped; label: string } | null {
  if (after.membersOnly && !before.membersOnly) return { field: 'membersOnly', label: '改为仅限会员' }
  if (before.scope === 'subtree' && after.scope === 'union') return { field: 'scope', label: '缩小活动范围' }
  const narrowed = after.unionIds.length > 0 && (before.unionIds.length === 0 || before.unionIds.some((id) => !after.unionIds.includes(id)))
  if (narrowed) return { field: 'unionIds', label: '减少参加单位' }
  if (after.gender !== 'any' && after.gender !== before.gender) return { field: 'gender', label: '增加性别要求' }
  if (after.minAge !== null && (before.minAge === null || after.minAge > before.minAge)) return { field: 'minAge', label: '提高最小年龄' }
  if (after.maxAge !== null && (before.maxAge === null || after.maxAge < before.maxAge)) return { field: 'maxAge', label: '降低最大年龄' }
  return null
}
