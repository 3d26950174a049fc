import { Text, View } from '@tarojs/components'
import { formatDateTime } from '../../../../shared/date'

export interface TimelineProps {
  items: ReadonlyArray<{ at: Date; title: string; note: string }>
}

/** 办理记录: every step with its time, newest last. */
export default function Timeline({ items }: TimelineProps) {
  if (items.length === 0) return <Text className='aid__weak'>还没有办理记录</Text>
  return (
    <View>
      {items.map((item, i) => (
        <View key={i} className='aid__timeline-item'>
          <Text className='aid__line'>{item.title}</Text>
          <Text className='aid__weak'>
            {formatDateTime(item.at)}
            {item.note ? ` · ${item.note}` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
