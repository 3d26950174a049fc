import { Text, View } from '@tarojs/components'
import { formatDateTime, inChina } from '../../shared/date'
import { type EventCard, signupStatusLabel } from '../../shared/events/card'
import './EventSummary.scss'

/** 2026年12月5日 14:00–17:00, or both ends in full when the event runs over several days. */
export function formatTimeRange(start: Date, end: Date): string {
  const sameDay = inChina(start).format('YYYYMMDD') === inChina(end).format('YYYYMMDD')
  return sameDay ? `${formatDateTime(start)}–${inChina(end).format('HH:mm')}` : `${formatDateTime(start)} 至 ${formatDateTime(end)}`
}

export interface EventSummaryProps {
  event: EventCard
  onOpen: () => void
}

/** One event in a list (活动 tab, 工会活动): what, who organises it, when, where, seats and my sign-up. */
export default function EventSummary({ event, onOpen }: EventSummaryProps) {
  return (
    <View className='event-summary' role='link' onClick={onOpen}>
      <View className='event-summary__top'>
        <Text className='event-summary__title'>{event.title}</Text>
        <Text className='event-summary__tag'>{event.kindLabel}</Text>
      </View>
      <Text className='event-summary__line'>{event.unionName}</Text>
      <Text className='event-summary__line'>时间：{formatTimeRange(event.startAt, event.endAt)}</Text>
      <Text className='event-summary__line'>地点：{event.place}</Text>
      <View className='event-summary__bottom'>
        <Text className='event-summary__seats'>
          剩余名额 {event.seatsLeft}/{event.capacity}
        </Text>
        {/* my own sign-up matters more than the event's state, unless the event is off */}
        <Text className='event-summary__mine'>{event.mine && event.status !== 'cancelled' ? `我的报名：${signupStatusLabel[event.mine]}` : event.statusLabel}</Text>
      </View>
    </View>
  )
}
