import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { eventsActions } from '../../../../shared/events/actions'
import { hasResults } from '../../../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventDetail, type EventKind, type MySignupView } from '../../../../shared/events/schemas'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { useReloadOnReturn } from '../../../hooks/useReloadOnReturn'
import EventInfo from '../components/EventInfo'
import MySignup from '../components/MySignup'
import OrganiserLinks from '../components/OrganiserLinks'
import ResultsTable from '../components/ResultsTable'
import SignupForm from '../components/SignupForm'
import '../events.scss'

/** 活动详情 (`detail/index?id=<eventId>`): everything about the event, my sign-up, the form and the results. */
export default function EventDetailPage() {
  const { params } = useRouter()
  const eventId = params.id ? decodeURIComponent(params.id) : ''
  if (!eventId) {
    return (
      <PageShell title='活动详情' back>
        <StateView state='empty' message='没有指定要查看的活动' showBack />
      </PageShell>
    )
  }
  return <Detail eventId={eventId} />
}

function signedUpMessage(my: MySignupView): string {
  if (my.status === 'waitlisted') return `名额已满，您已进入候补${my.queuePosition !== null ? `，排第${my.queuePosition}位` : ''}`
  if (my.status === 'pending') return '已提交报名，等待工会审核'
  return `${my.statusLabel}！活动开始前会提醒您`
}

function Detail({ eventId }: { eventId: string }) {
  const event = useAction(eventsActions.getEvent, { eventId })
  const [notice, setNotice] = useState('')
  useReloadOnReturn(event.reload)
  usePullDownRefresh(() => {
    event.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <PageShell title='活动详情' back>
      <ActionView state={event}>
        {(e) => (
          <View>
            <EventInfo event={e} />
            {notice && (
              <View className='ght-card'>
                <Text className='ev__ok'>{notice}</Text>
              </View>
            )}
            <Signup
              event={e}
              onSignedUp={(my) => {
                setNotice(signedUpMessage(my))
                event.reload()
              }}
              onChanged={() => {
                setNotice('')
                event.reload()
              }}
            />
            {hasResults(e.kind) && (
              <View className='ght-card'>
                <Text className='ev__heading'>比赛成绩</Text>
                <ResultsTable results={e.results} />
              </View>
            )}
            {e.canManage && <OrganiserCard eventId={e.eventId} kind={e.kind} />}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}

interface SignupProps {
  event: EventDetail
  onSignedUp: (my: MySignupView) => void
  onChanged: () => void
}

/** My sign-up when I have one; otherwise the form, or the reason I cannot sign up. */
function Signup({ event, onSignedUp, onChanged }: SignupProps) {
  const my = event.my
  if (my && ACTIVE_SIGNUP.includes(my.status)) return <MySignup event={event} my={my} onChanged={onChanged} />
  return (
    <View>
      {my && (
        <View className='ght-card'>
          <Text className='ev__line'>您之前的报名：{my.statusLabel}</Text>
        </View>
      )}
      {event.blockedReason !== null ? (
        <View className='ght-card'>
          <Text className='ev__heading'>报名</Text>
          <Text className='ev__error'>{event.blockedReason}</Text>
        </View>
      ) : (
        <SignupForm event={event} onSignedUp={onSignedUp} />
      )}
    </View>
  )
}

function OrganiserCard({ eventId, kind }: { eventId: string; kind: EventKind }) {
  return (
    <View className='ght-card'>
      <Text className='ev__heading'>组织者</Text>
      <OrganiserLinks eventId={eventId} kind={kind} pages={['participants', 'checkin', 'results', 'edit']} className='ev__actions' />
    </View>
  )
}
