import { Input, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { z } from 'zod'
import { eventsActions } from '../../../../shared/events/actions'
import type { ParticipantMatch } from '../../../../shared/events/schemas'
import Button from '../../../components/Button'
import { call } from '../../../services/api'
import '../../../components/form/form.scss'

type Match = z.infer<typeof ParticipantMatch>

/**
 * 按姓名签到: for a worker without a working phone, the desk types part of the name (or the last 4
 * digits of the phone) and checks the right person in. Who did it is recorded with the check-in.
 */
export default function ManualCheckIn({ eventId }: { eventId: string }) {
  const [query, setQuery] = useState('')
  const [matches, setMatches] = useState<Match[] | null>(null)
  const [problem, setProblem] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (sending.current) return undefined
    sending.current = true
    setBusy(true)
    try {
      return await work()
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  const search = () =>
    run(async () => {
      setDone('')
      const res = await call(eventsActions.findParticipant, { eventId, query })
      if (!res.ok) return setProblem(res.error.fields?.query ?? res.error.message)
      setProblem('')
      setMatches(res.data.matches)
    })

  const checkIn = (m: Match) =>
    run(async () => {
      const res = await call(eventsActions.checkInByName, { eventId, signupId: m.signupId })
      if (!res.ok) return setProblem(res.error.message)
      setProblem('')
      setDone(`${res.data.already ? '此前已签到' : res.data.late ? '签到成功（迟到）' : '签到成功'}：${m.name} · ${m.unionName}`)
      setMatches((all) => all?.map((x) => (x.signupId === m.signupId ? { ...x, checkedIn: true, attendance: res.data.late ? '迟到' : '已签到' } : x)) ?? null)
    })

  return (
    <View>
      <View className='ght-form__field'>
        <Text className='ght-form__label'>姓名或手机尾号</Text>
        <Input className='ght-form__input' name='checkInQuery' value={query} placeholder='如：王芳，或手机后4位' maxlength={20} ariaLabel='姓名或手机尾号' onInput={(e) => setQuery(e.detail.value)} onConfirm={() => void search()} />
        <View className='ev__actions'>
          <Button className='ght-button' onClick={() => void search()} disabled={busy}>
            {busy ? '正在查找…' : '查找报名人'}
          </Button>
        </View>
      </View>
      {problem && <Text className='ev__error'>{problem}</Text>}
      {done && (
        <View className='ev__ok'>
          <Text className='ev__line'>{done}</Text>
        </View>
      )}
      {matches && matches.length === 0 && <Text className='ev__weak'>没有找到，请换个写法或少输几个字</Text>}
      {matches?.map((m) => (
        <View key={m.signupId} className='ev__box-line'>
          <View className='ev__row'>
            <Text className='ev__row-main ev__line'>
              {m.name}
              {m.team ? ` · ${m.team}` : ''}
            </Text>
            <Text className='ev__tag'>{m.checkedIn ? m.attendance || '已签到' : m.statusLabel}</Text>
          </View>
          <Text className='ev__weak'>{m.phoneTail ? `${m.unionName} · 手机尾号${m.phoneTail}` : m.unionName}</Text>
          {!m.checkedIn && m.status === 'confirmed' && (
            <View className='ev__actions'>
              <Button className='ght-button ght-button--primary' onClick={() => void checkIn(m)} disabled={busy}>
                为{m.name}签到
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
