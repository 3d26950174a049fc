import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { accountActions } from '../../../shared/account'
import { formatDateTime } from '../../../shared/date'
import { REVIEW_ROLES } from '../../../shared/domain/union'
import { eventsActions } from '../../../shared/events/actions'
import { EventKind, eventKindLabel } from '../../../shared/events/schemas'
import ActionView from '../../components/ActionView'
import EventSummary from '../../components/EventSummary'
import EmptyState from '../../components/EmptyState'
import Choices from '../../components/form/Choices'
import FilterTabs from '../../components/FilterTabs'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { usePaged } from '../../hooks/usePaged'
import { useReloadOnReturn } from '../../hooks/useReloadOnReturn'
import { call } from '../../services/api'
import { openPage } from '../../services/navigation'
import DateTimeField from './components/DateTimeField'
import LoadMore from './components/LoadMore'
import { endOfChinaDay, parseChinaTime } from './time'
import './events.scss'

type Tab = 'upcoming' | 'mine'
const kindOptions = [{ value: 'all', label: '全部' }, ...EventKind.options.map((k) => ({ value: k, label: eventKindLabel[k] }))]

/** 工会活动: upcoming events with filters, 我的报名, and the organiser's way in. */
export default function EventsIndex() {
  const [view, setView] = useState<Tab>('upcoming')
  const me = useAction(accountActions.whoami, {})
  return (
    <PageShell title='工会活动' back>
      <FilterTabs<Tab>
        value={view}
        options={[
          { value: 'upcoming', label: '近期活动' },
          { value: 'mine', label: '我的报名' },
        ]}
        onChange={setView}
      />
      {view === 'upcoming' ? <Upcoming /> : <MySignups />}
      {me.data?.grants.some((g) => REVIEW_ROLES.includes(g.role)) && (
        <View className='ev__tile' role='link' onClick={() => openPage('/packages/events/manage/index')}>
          <Text className='ev__heading'>我组织的活动</Text>
          <Text className='ev__weak'>发布活动、查看报名名单、现场签到和录入成绩 ›</Text>
        </View>
      )}
    </PageShell>
  )
}

function Upcoming() {
  const [kind, setKind] = useState<string>('all')
  const [fromText, setFromText] = useState('')
  const [toText, setToText] = useState('')
  const from = fromText.trim() ? parseChinaTime(fromText) : undefined
  const to = toText.trim() ? parseChinaTime(toText) : undefined
  const kindChosen = EventKind.safeParse(kind)
  const filter = {
    ...(kindChosen.success ? { kind: kindChosen.data } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to: endOfChinaDay(to) } : {}),
    limit: 20,
  }
  const list = usePaged(JSON.stringify(filter), (cursor) => call(eventsActions.browse, cursor ? { ...filter, cursor } : filter), (p) => p.items)
  useReloadOnReturn(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  const dateProblems = {
    ...(from === null ? { from: '日期格式不对，请按 2026-12-05 填写' } : {}),
    ...(to === null ? { to: '日期格式不对，请按 2026-12-05 填写' } : {}),
  }

  return (
    <View>
      <View className='ght-card'>
        <Choices label='活动类型' value={kind} options={kindOptions} onChange={setKind} />
        <DateTimeField label='从哪天起' name='from' value={fromText} onChange={setFromText} fields={dateProblems} dateOnly />
        <DateTimeField label='到哪天止' name='to' value={toText} onChange={setToText} fields={dateProblems} dateOnly />
        {(fromText || toText) && (
          <Button
            className='ght-button'
            onClick={() => {
              setFromText('')
              setToText('')
            }}
          >
            不限日期
          </Button>
        )}
      </View>
      <ActionView state={list} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title='没有符合条件的活动' message='换个类型或日期看看' />}>
        {(d) => (
          <View>
            {d.items.map((e) => (
              <EventSummary key={e.eventId} event={e} onOpen={() => openPage(`/packages/events/detail/index?id=${e.eventId}`)} />
            ))}
          </View>
        )}
      </ActionView>
      <LoadMore list={list} />
    </View>
  )
}

function MySignups() {
  const list = usePaged('mine', (cursor) => call(eventsActions.mySignups, cursor ? { cursor, limit: 20 } : { limit: 20 }), (p) => p.items)
  useReloadOnReturn(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <View>
      <ActionView state={list} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title='还没有报名' message='去「近期活动」里挑一个吧' />}>
        {(d) => (
          <View className='ght-card'>
            {d.items.map((s) => (
              <View key={s.eventId} className='ev__row' role='link' onClick={() => openPage(`/packages/events/detail/index?id=${s.eventId}`)}>
                <View className='ev__row-main'>
                  <Text className='ev__line'>{s.title}</Text>
                  <Text className='ev__weak'>
                    {formatDateTime(s.startAt)} · {s.place}
                  </Text>
                  {s.eventStatus === 'cancelled' && <Text className='ev__weak'>活动已取消</Text>}
                </View>
                <Text className='ev__tag'>{s.attendance || s.statusLabel}</Text>
              </View>
            ))}
          </View>
        )}
      </ActionView>
      <LoadMore list={list} />
    </View>
  )
}
