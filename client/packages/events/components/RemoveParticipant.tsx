import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { eventsActions } from '../../../../shared/events/actions'
import Button from '../../../components/Button'
import Field from '../../../components/form/Field'
import { call } from '../../../services/api'

export interface RemoveParticipantProps {
  eventId: string
  signupId: string
  name: string
  /** after the removal: what to tell the organiser */
  onRemoved: (message: string) => void
}

/**
 * 移出 one person from the list, with the reason they will be told; their place goes to the first in
 * the queue. The reason is asked for on the row itself, so nobody is removed by one stray tap.
 */
export default function RemoveParticipant({ eventId, signupId, name, onRemoved }: RemoveParticipantProps) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [fields, setFields] = useState<Record<string, string> | undefined>()
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  async function remove() {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    const res = await call(eventsActions.removeParticipant, { eventId, signupId, reason })
    sending.current = false
    setBusy(false)
    if (!res.ok) {
      setFields(res.error.fields)
      return setProblem(res.error.fields ? '' : res.error.message)
    }
    setOpen(false)
    onRemoved(`已移出${res.data.name}${res.data.promoted > 0 ? '，名额已递补给候补第一位' : ''}，已通知本人。`)
  }

  if (!open) {
    return (
      <View className='ev__actions'>
        <Button className='ght-button' onClick={() => setOpen(true)}>
          移出
        </Button>
      </View>
    )
  }
  return (
    <View>
      <Field label={`移出${name}的原因（会告诉本人）`} name='reason' value={reason} onChange={(text) => {
          setReason(text)
          setFields(undefined)
        }} fields={fields} placeholder='如：未参加赛前培训' maxlength={40} />
      {problem && <Text className='ev__error'>{problem}</Text>}
      <View className='ev__actions'>
        <Button className='ght-button ght-button--primary' onClick={remove} disabled={busy}>
          {busy ? '正在移出…' : '确认移出'}
        </Button>
        <Button className='ght-button' onClick={() => setOpen(false)} disabled={busy}>
          不移出
        </Button>
      </View>
    </View>
  )
}
