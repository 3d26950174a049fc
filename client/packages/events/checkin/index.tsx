import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { formatDateTime } from '../../../../shared/date'
import { eventsActions } from '../../../../shared/events/actions'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import QrCode from '../../../components/QrCode'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import ManualCheckIn from '../components/ManualCheckIn'
import ScanCheckIn from '../components/ScanCheckIn'
import '../events.scss'

/** 现场签到 (`checkin/index?id=<eventId>`): the rotating code workers scan, and scanning workers' passes. */
export default function CheckInPage() {
  const { params } = useRouter()
  const eventId = params.id ? decodeURIComponent(params.id) : ''
  return (
    <PageShell title='现场签到' back>
      {eventId ? <CheckIn eventId={eventId} /> : <StateView state='empty' message='没有指定活动' showBack />}
    </PageShell>
  )
}

/** Check-in not open yet, over, or the event cancelled: said with its time, no 重试 (the server's words). */
const checkInClosed = (error: AppErrorShape) => (error.code === 'CONFLICT' ? { title: '签到未开放', message: error.message } : null)

function CheckIn({ eventId }: { eventId: string }) {
  const code = useAction(eventsActions.checkInCode, { eventId })
  const token = code.data?.token
  const refreshSeconds = code.data?.refreshAfterSeconds
  useEffect(() => {
    if (refreshSeconds === undefined) return
    // a new code each period, so a photo of the screen sent to someone at home stops working
    const timer = setTimeout(code.reload, Math.max(5, refreshSeconds) * 1000)
    return () => clearTimeout(timer)
  }, [token, refreshSeconds, code.reload])

  return (
    <View>
      <View className='ght-card'>
        <Text className='ev__heading'>扫描入场码</Text>
        <Text className='ev__weak'>请职工打开“活动入场码”，扫描他手机上的二维码。</Text>
        <ScanCheckIn what='入场码' send={(t) => call(eventsActions.checkIn, { token: t })} />
      </View>
      <View className='ght-card'>
        <Text className='ev__heading'>按姓名签到</Text>
        <Text className='ev__weak'>职工没带手机或手机用不了时，查到本人后点“签到”。</Text>
        <ManualCheckIn eventId={eventId} />
      </View>
      <View className='ght-card'>
        <Text className='ev__heading'>现场签到码</Text>
        <Text className='ev__weak'>把这个码放在签到台，职工用“扫码签到”扫一扫即可。码会自动更换。</Text>
        <ActionView state={code} expected={checkInClosed}>
          {(c) => (
            <View>
              <QrCode text={c.token} label={`现场签到码，${formatDateTime(c.expiresAt)}前有效`} />
              {__TARGET__ === 'h5' && (
                // A browser has no scanner: the code is copied for pasting, never shown as raw text.
                <Button className='ght-button' onClick={() => void Taro.setClipboardData({ data: c.token })}>
                  复制签到码
                </Button>
              )}
              <View className='ev__actions'>
                <Button className='ght-button' onClick={code.reload}>
                  换一个签到码
                </Button>
              </View>
            </View>
          )}
        </ActionView>
      </View>
      <View className='ght-card'>
        <View className='ev__actions'>
          <Button className='ght-button' onClick={() => openPage(`/packages/events/participants/index?id=${eventId}`)}>
            查看报名名单和签到情况
          </Button>
        </View>
      </View>
    </View>
  )
}
