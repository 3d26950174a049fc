import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { formatDateTime } from '../../../../shared/date'
import { eventsActions } from '../../../../shared/events/actions'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import QrCode from '../../../components/QrCode'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import ScanCheckIn from '../components/ScanCheckIn'
import { useRenewing } from '../components/useRenewing'
import '../events.scss'

/** 活动入场码 (`pass/index?id=<eventId>`): my signed pass for the organiser to scan, or I scan the organiser's code. */
export default function EventPassPage() {
  const { params } = useRouter()
  const eventId = params.id ? decodeURIComponent(params.id) : ''
  return (
    <PageShell title='活动入场码' back>
      {eventId ? <Pass eventId={eventId} /> : <StateView state='empty' message='没有指定活动' showBack />}
    </PageShell>
  )
}

function Pass({ eventId }: { eventId: string }) {
  const pass = useAction(eventsActions.eventPass, { eventId })
  // renewed a minute before it runs out (it lives five)
  const now = useRenewing(pass.data?.expiresAt, pass.reload, 60_000)
  return (
    <View>
      <ActionView state={pass}>
        {(p) => (
          <View className='ght-card'>
            <Text className='ev__heading'>{p.title}</Text>
            <Text className='ev__line'>{p.name}</Text>
            <Text className='ev__weak'>
              {formatDateTime(p.startAt)} · {p.place}
            </Text>
            {p.expiresAt.getTime() <= now ? (
              <Text className='ev__error'>入场码已过期，请点“刷新入场码”</Text>
            ) : (
              <View>
                <QrCode text={p.token} label={`活动入场码，${formatDateTime(p.expiresAt)}前有效`} />
                {__TARGET__ === 'h5' && (
                  // A browser has no scanner: the organiser pastes the code instead. It is copied, never shown as raw text.
                  <Button className='ght-button' onClick={() => void Taro.setClipboardData({ data: p.token })}>
                    复制入场码
                  </Button>
                )}
              </View>
            )}
            <Text className='ev__weak'>请向工作人员出示，入场码会自动更新，截图无效。</Text>
            <View className='ev__actions'>
              <Button className='ght-button' onClick={pass.reload}>
                刷新入场码
              </Button>
            </View>
          </View>
        )}
      </ActionView>
      <View className='ght-card'>
        <Text className='ev__heading'>扫码签到</Text>
        <Text className='ev__weak'>现场工作人员出示签到码时，扫一扫就能签到。</Text>
        <ScanCheckIn what='签到码' send={(token) => call(eventsActions.checkInWithCode, { token })} />
      </View>
    </View>
  )
}
