import type { z } from 'zod'
import { fieldErrors } from '../../../../shared/contract'
import { EventFields, EventKind, type EditView, type EventFieldsInput, type EventScope, type GenderRule, type SignupMode } from '../../../../shared/events/schemas'
import { type FieldDraft, splitOptions } from '../components/FieldsEditor'
import { parseChinaTime, textOfTime } from '../time'

/** 发布活动 as the chair types it: times and numbers are text until saved. */
export interface EventDraft {
  unionId: string
  title: string
  kind: string
  description: string
  place: string
  startAt: string
  endAt: string
  signupOpensAt: string
  signupClosesAt: string
  capacity: string
  scope: EventScope
  membersOnly: boolean
  unionIds: string[]
  gender: GenderRule
  minAge: string
  maxAge: string
  mode: SignupMode
  teamSize: string
  fields: FieldDraft[]
  needsApproval: boolean
  lateAfterMinutes: string
  /** hours a person promoted from the queue has to confirm; '' = no confirmation asked */
  confirmHours: string
}

export const emptyDraft = (unionId: string): EventDraft => ({
  unionId,
  title: '',
  kind: '',
  description: '',
  place: '',
  startAt: '',
  endAt: '',
  signupOpensAt: '',
  signupClosesAt: '',
  capacity: '',
  scope: 'union',
  membersOnly: true,
  unionIds: [],
  gender: 'any',
  minAge: '',
  maxAge: '',
  mode: 'individual',
  teamSize: '',
  fields: [],
  needsApproval: false,
  lateAfterMinutes: '15',
  confirmHours: '',
})

const numText = (n: number | null): string => (n === null ? '' : String(n))

export function draftOf(edit: z.infer<typeof EditView>): EventDraft {
  const e = edit.event
  return {
    unionId: edit.unionId,
    title: e.title,
    kind: e.kind,
    description: e.description,
    place: e.place,
    startAt: textOfTime(e.startAt),
    endAt: textOfTime(e.endAt),
    signupOpensAt: textOfTime(e.signupOpensAt),
    signupClosesAt: textOfTime(e.signupClosesAt),
    capacity: String(e.capacity),
    scope: e.scope,
    membersOnly: e.membersOnly,
    unionIds: e.unionIds,
    gender: e.gender,
    minAge: numText(e.minAge),
    maxAge: numText(e.maxAge),
    mode: e.mode,
    teamSize: numText(e.teamSize),
    fields: e.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required, options: f.options.join('、'), min: numText(f.min), max: numText(f.max) })),
    needsApproval: e.needsApproval,
    lateAfterMinutes: String(e.lateAfterMinutes),
    confirmHours: numText(e.confirmHours),
  }
}

const TIME_KEYS = ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt'] as const
const INTEGER = /^\s*-?\d+\s*$/

/** A whole number as a number; anything else goes on as typed, for the schema to word the problem. */
const numberOr = (text: string): number | string => (INTEGER.test(text) ? Number(text) : text)
const optionalNumber = (text: string): number | string | null => (text.trim() === '' ? null : numberOr(text))

/**
 * The draft as `EventFields` input. Problems only the page can see (a time or a bound it cannot
 * read, no kind chosen) come back in `problems`, together with whatever the contract's own schema
 * finds in the rest, keyed as a failed saveEvent would key them (`event.startAt`).
 */
export function eventOf(d: EventDraft): { event: EventFieldsInput; problems: Record<string, string> } {
  const problems: Record<string, string> = {}
  const times: Partial<Record<(typeof TIME_KEYS)[number], Date>> = {}
  for (const key of TIME_KEYS) {
    const text = d[key].trim()
    if (text === '') continue
    const at = parseChinaTime(text)
    if (at) times[key] = at
    else problems[`event.${key}`] = '时间看不懂，请按“2026-12-05 14:00”这样填写'
  }
  const bound = (text: string, path: string): number | null => {
    if (text.trim() === '') return null
    if (INTEGER.test(text)) return Number(text)
    problems[path] = '请填写整数'
    return null
  }
  const fields = d.fields.map((f, i) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    options: f.type === 'choice' ? splitOptions(f.options) : [],
    min: f.type === 'number' ? bound(f.min, `event.fields.${i}.min`) : null,
    max: f.type === 'number' ? bound(f.max, `event.fields.${i}.max`) : null,
  }))
  const kind = EventKind.safeParse(d.kind)
  if (!kind.success) problems['event.kind'] = kind.error.issues[0]?.message ?? '请选择活动类型'
  const event: EventFieldsInput = {
    title: d.title,
    kind: kind.success ? kind.data : 'other',
    description: d.description,
    place: d.place,
    startAt: times.startAt,
    endAt: times.endAt,
    signupOpensAt: times.signupOpensAt,
    signupClosesAt: times.signupClosesAt,
    capacity: d.capacity.trim() === '' ? undefined : numberOr(d.capacity),
    scope: d.scope,
    membersOnly: d.membersOnly,
    unionIds: d.unionIds,
    gender: d.gender,
    minAge: optionalNumber(d.minAge),
    maxAge: optionalNumber(d.maxAge),
    mode: d.mode,
    teamSize: d.mode === 'team' ? optionalNumber(d.teamSize) : null,
    fields,
    needsApproval: d.needsApproval,
    lateAfterMinutes: d.lateAfterMinutes.trim() === '' ? undefined : numberOr(d.lateAfterMinutes),
    confirmHours: optionalNumber(d.confirmHours),
  }
  if (Object.keys(problems).length > 0) {
    const rest = EventFields.safeParse(event)
    const found = rest.success ? {} : prefixed(fieldErrors(rest.error))
    return { event, problems: { ...found, ...problems } }
  }
  return { event, problems }
}

const prefixed = (fields: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`event.${k}`, v]))
