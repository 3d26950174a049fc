import { Text, View } from '@tarojs/components'
import Button from './Button'
import { useState } from 'react'
import type { AppErrorShape } from '../../shared/contract'
import { aidActions } from '../../shared/aid/actions'
import { inChina } from '../../shared/date'
import { call } from '../services/api'
import FieldError from './FieldError'
import DateField from './form/DateField'
import Field from './form/Field'
import './HomeVisitForm.scss'

/** What a visit usually finds, one tap each; the note can still be written in full. */
const PHRASES = ['已入户查看，家庭成员与申请一致', '住房情况属实', '收入情况属实', '病情或致困原因属实', '生活确有困难'] as const

export interface HomeVisitFormProps {
  applicationId: string
  /** problems a failed approval reported (`homeVisit`), shown here because this is where they are fixed */
  fields?: Record<string, string>
  onSaved: () => void
}

/**
 * 入户调查: the desk whose step needs a home visit writes what it saw before it may approve. Shown
 * wherever that desk decides (the request a notification or 待办 opened, and 帮扶申请详情), so the
 * approval never asks for a form the reviewer cannot reach. The date is picked, not typed.
 */
export default function HomeVisitForm({ applicationId, fields, onSaved }: HomeVisitFormProps) {
  const today = inChina(new Date()).format('YYYY-MM-DD')
  const [visitedOn, setVisitedOn] = useState(today)
  const [note, setNote] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)

  async function save() {
    if (busy) return
    setBusy(true)
    const res = await call(aidActions.recordHomeVisit, { applicationId, visitedOn, note })
    setBusy(false)
    if (!res.ok) return setError(res.error)
    setError(null)
    onSaved()
  }

  const shown = { ...fields, ...error?.fields }
  return (
    <View className='home-visit' id='home-visit'>
      <Text className='home-visit__title'>入户调查（初审通过前必须填写）</Text>
      <DateField label='调查日期' name='visitedOn' value={visitedOn} onChange={setVisitedOn} fields={shown} end={today} />
      <View className='home-visit__phrases'>
        {PHRASES.map((p) => (
          <Text
            key={p}
            className={`home-visit__phrase${note.includes(p) ? ' home-visit__phrase--on' : ''}`}
            onClick={() => setNote((n) => (n.includes(p) ? n : n ? `${n}；${p}` : p))}
          >
            {note.includes(p) ? '✓ ' : '+ '}
            {p}
          </Text>
        ))}
      </View>
      <Field label='看到的情况' name='note' value={note} onChange={setNote} fields={shown} placeholder='住房、收入、病情等是否属实' maxlength={300} multiline hint='点上面的常用语，或直接写' />
      <FieldError fields={shown} name='homeVisit' />
      {error && !error.fields && <Text className='field-error'>！{error.message}</Text>}
      <Button className='ght-button' onClick={save} disabled={busy}>
        {busy ? '正在保存…' : '保存入户调查'}
      </Button>
    </View>
  )
}
