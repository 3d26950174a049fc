import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRef, useState } from 'react'
import { eventsActions } from '../../../../shared/events/actions'
import { parseAnswers } from '../../../../shared/events/rules'
import type { z } from 'zod'
import type { EventDetail, FormField, MySignupView, TeamChoice } from '../../../../shared/events/schemas'
import Choices from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import { requestSubscribe } from '../../../services/subscribe'

interface SignupDraft {
  /** as typed; numbers are read by parseAnswers */
  answers: Record<string, string>
  team: { mode: 'create' | 'join'; name: string; code: string }
}
const emptyDraft: SignupDraft = { answers: {}, team: { mode: 'create', name: '', code: '' } }

export interface SignupFormProps {
  event: EventDetail
  onSignedUp: (my: MySignupView) => void
}

/** 报名表: the event's own questions (and the team for 组队报名), kept on the phone until the sign-up went through. */
export default function SignupForm({ event, onSignedUp }: SignupFormProps) {
  const [draft, setDraft, clearDraft] = useDraft<SignupDraft>(`events.signup.${event.eventId}`, emptyDraft)
  const [fields, setFields] = useState<Record<string, string> | undefined>(undefined)
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const setAnswer = (key: string, value: string) => setDraft((d) => ({ ...d, answers: { ...d.answers, [key]: value } }))
  // joining a team takes no seat of its own; everyone else queues once the seats are gone
  const queues = event.seatsLeft === 0 && !(event.mode === 'team' && draft.team.mode === 'join')
  const setTeam = (change: Partial<SignupDraft['team']>) => setDraft((d) => ({ ...d, team: { ...d.team, ...change } }))

  function submit() {
    if (sending.current) return
    // the popup may only open from the tap itself, before anything is awaited
    void requestSubscribe(['eventSignup', 'eventReminder', 'eventChange'])
    const parsed = parseAnswers(event.fields, draft.answers)
    if (!parsed.ok) {
      setFields(parsed.fields)
      setProblem('报名表还有没填好的地方，请看标红的提示')
      return
    }
    const team: z.input<typeof TeamChoice> = draft.team.mode === 'create' ? { mode: 'create', name: draft.team.name } : { mode: 'join', code: draft.team.code }
    sending.current = true
    setBusy(true)
    setProblem('')
    setFields(undefined)
    call(eventsActions.signUp, { eventId: event.eventId, answers: parsed.answers, ...(event.mode === 'team' ? { team } : {}) }).then((res) => {
      sending.current = false
      setBusy(false)
      if (!res.ok) {
        setFields(res.error.fields)
        setProblem(res.error.message)
        return
      }
      clearDraft()
      onSignedUp(res.data)
    })
  }

  return (
    <View className='ght-card'>
      <Text className='ev__heading'>我要报名</Text>
      {event.fields.map((f) => (
        <AnswerField key={f.key} field={f} value={draft.answers[f.key] ?? ''} onChange={(v) => setAnswer(f.key, v)} fields={fields} />
      ))}
      {event.mode === 'team' && (
        <View>
          <Choices
            label={`组队报名（每队${event.teamSize ?? 0}人，含队长）`}
            name='team'
            value={draft.team.mode}
            options={[
              { value: 'create', label: '我当队长，新建队伍' },
              { value: 'join', label: '我有邀请码，加入队伍' },
            ]}
            onChange={(mode) => setTeam({ mode })}
            fields={fields}
          />
          {draft.team.mode === 'create' ? (
            <Field label='队名' name='team.name' value={draft.team.name} onChange={(name) => setTeam({ name })} fields={fields} placeholder='2至12个字' maxlength={12} hint='报名后会得到邀请码，发给队友，队友用它加入' />
          ) : (
            <Field label='队伍邀请码' name='team.code' value={draft.team.code} onChange={(code) => setTeam({ code })} fields={fields} placeholder='6位字母或数字，向队长要' maxlength={6} />
          )}
        </View>
      )}
      {event.needsApproval && <Text className='ev__weak'>本活动报名后需工会审核，审核结果会通知您。</Text>}
      {problem && <Text className='ev__error'>{problem}</Text>}
      <View className='ev__actions'>
        <Button className='ght-button ght-button--primary' onClick={submit} disabled={busy}>
          {busy ? '正在提交…' : queues ? '名额已满，报名候补' : '提交报名'}
        </Button>
      </View>
    </View>
  )
}

interface AnswerFieldProps {
  field: FormField
  value: string
  onChange: (value: string) => void
  fields: Record<string, string> | undefined
}

function AnswerField({ field, value, onChange, fields }: AnswerFieldProps) {
  const name = `answers.${field.key}`
  const label = field.required ? field.label : `${field.label}（选填）`
  if (field.type === 'choice') {
    return <Choices label={label} name={name} value={value || null} options={field.options.map((o) => ({ value: o, label: o }))} onChange={onChange} fields={fields} />
  }
  if (field.type === 'number') {
    const range = field.min !== null && field.max !== null ? `${field.min}至${field.max}` : field.min !== null ? `不小于${field.min}` : field.max !== null ? `不大于${field.max}` : ''
    return <Field label={label} name={name} type='number' value={value} onChange={onChange} fields={fields} placeholder={range ? `请填写数字，${range}` : '请填写数字'} maxlength={9} />
  }
  if (field.type === 'phone') return <Field label={label} name={name} type='number' value={value} onChange={onChange} fields={fields} placeholder='11位手机号码' maxlength={11} />
  if (field.type === 'idNumber') return <Field label={label} name={name} type='idcard' value={value} onChange={onChange} fields={fields} placeholder='18位身份证号' maxlength={18} />
  return <Field label={label} name={name} value={value} onChange={onChange} fields={fields} placeholder={`请填写${field.label}`} maxlength={60} />
}
