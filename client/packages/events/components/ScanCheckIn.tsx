import { Input, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { z } from 'zod'
import { formatDateTime } from '../../../../shared/date'
import type { CheckInResult } from '../../../../shared/events/schemas'
import type { CallResult } from '../../../services/api'
import '../../../components/form/form.scss'

type Result = z.infer<typeof CheckInResult>

export interface ScanCheckInProps {
  /** what the person is asked to scan, e.g. 工作人员出示的签到码 */
  what: string
  /** sends the scanned (or pasted) text */
  send: (token: string) => Promise<CallResult<Result>>
}

/**
 * 扫码签到: weapp opens the camera (Taro.scanCode); H5 has no camera scanner, so the code's text is
 * pasted into a box instead. Each answer is listed, newest first, so a queue at the door can be followed.
 */
export default function ScanCheckIn({ what, send }: ScanCheckInProps) {
  const [pasted, setPasted] = useState('')
  const [problem, setProblem] = useState('')
  // an expected situation (not open yet, over): information, not a failure
  const [info, setInfo] = useState('')
  const [done, setDone] = useState<Result[]>([])
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  async function submit(token: string) {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    setProblem('')
    setInfo('')
    const res = await send(token)
    sending.current = false
    setBusy(false)
    if (!res.ok) return res.error.code === 'CONFLICT' ? setInfo(res.error.message) : setProblem(res.error.message)
    setPasted('')
    setDone((all) => [res.data, ...all].slice(0, 20))
  }

  async function scan() {
    let text = ''
    try {
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch {
      return // closed the camera
    }
    await submit(text)
  }

  return (
    <View>
      {__TARGET__ === 'h5' ? (
        <View className='ght-form__field'>
          <Text className='ght-form__label'>粘贴复制的{what}</Text>
          <Input className='ght-form__input' name='checkInToken' value={pasted} placeholder={`点“复制${what}”后粘贴到这里`} maxlength={200} ariaLabel={`${what}的文字`} onInput={(e) => setPasted(e.detail.value)} />
          <View className='ev__actions'>
            <Button className='ght-button ght-button--primary' onClick={() => submit(pasted)} disabled={busy}>
              {busy ? '正在签到…' : '确认签到'}
            </Button>
          </View>
        </View>
      ) : (
        <View className='ev__actions'>
          <Button className='ght-button ght-button--primary' onClick={scan} disabled={busy}>
            {busy ? '正在签到…' : `扫描${what}`}
          </Button>
        </View>
      )}
      {problem && <Text className='ev__error'>没有签到成功：{problem}</Text>}
      {info && <Text className='ev__box-line ev__line'>{info}</Text>}
      {done.map((r, i) => (
        <View key={`${r.checkedInAt.getTime()}-${i}`} className={i === 0 ? 'ev__ok' : 'ev__box-line'}>
          <Text className='ev__line'>
            {r.already ? '此前已签到' : r.late ? '签到成功（迟到）' : '签到成功'}：{r.name} · {r.unionName || '未填写单位'}
          </Text>
          <Text className='ev__weak'>
            {r.title} · {formatDateTime(r.checkedInAt)}
            {r.late ? ' · 迟到' : ' · 已签到'}
          </Text>
        </View>
      ))}
    </View>
  )
}
