import { Image, Text, View } from '@tarojs/components'
import { formatDateTime } from '../../../../shared/date'
import type { EventDetail } from '../../../../shared/events/schemas'
import { formatTimeRange } from '../../../components/EventSummary'

/** 活动信息: what, when, where, who may come, and how many places are left. */
export default function EventInfo({ event }: { event: EventDetail }) {
  const unit = event.mode === 'team' ? '队' : '人'
  return (
    <View className='ght-card'>
      {event.coverUrl && <Image className='ev__cover' src={event.coverUrl} mode='aspectFill' ariaLabel='活动封面' />}
      <Text className='ev__big'>{event.title}</Text>
      <View className='ev__choices'>
        <Text className='ev__tag'>{event.kindLabel}</Text>
        <Text className='ev__tag'>{event.statusLabel}</Text>
      </View>
      {event.status === 'cancelled' && <Text className='ev__error'>活动已取消{event.cancelReason ? `：${event.cancelReason}` : ''}</Text>}
      <Text className='ev__line'>主办：{event.unionName}</Text>
      <Text className='ev__line'>时间：{formatTimeRange(event.startAt, event.endAt)}</Text>
      <Text className='ev__line'>地点：{event.place}</Text>
      <Text className='ev__line'>
        报名时间：{formatDateTime(event.signupOpensAt)} 至 {formatDateTime(event.signupClosesAt)}
      </Text>
      <Text className='ev__line'>
        剩余名额：{event.seatsLeft}/{event.capacity}
        {unit === '队' ? '队' : ''}
        {event.waitlisted > 0 ? `，候补${event.waitlisted}${unit}` : ''}
      </Text>
      {event.description && (
        <View>
          <Text className='ev__sub'>活动介绍</Text>
          <Text className='ev__line'>{event.description}</Text>
        </View>
      )}
      <Text className='ev__sub'>报名条件</Text>
      {event.rules.map((line) => (
        <Text key={line} className='ev__line'>
          · {line}
        </Text>
      ))}
    </View>
  )
}
