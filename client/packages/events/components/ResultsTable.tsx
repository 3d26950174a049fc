import { Text, View } from '@tarojs/components'
import type { z } from 'zod'
import type { ResultView } from '../../../../shared/events/schemas'

type Result = z.infer<typeof ResultView>

/** 比赛成绩, one table per item, best place first. */
export default function ResultsTable({ results }: { results: readonly Result[] }) {
  if (results.length === 0) return <Text className='ev__weak'>还没有公布成绩</Text>
  const items = [...new Set(results.map((r) => r.item))]
  return (
    <View>
      {items.map((item) => (
        <View key={item} className='ev__table'>
          <Text className='ev__sub'>{item}</Text>
          <View className='ev__tr ev__tr--head'>
            <Text className='ev__td'>名次</Text>
            <Text className='ev__td'>奖项</Text>
            <Text className='ev__td'>获奖者</Text>
            <Text className='ev__td ev__td--wide'>单位</Text>
          </View>
          {results
            .filter((r) => r.item === item)
            .sort((a, b) => a.place - b.place)
            .map((r) => (
              <View key={`${r.place}-${r.winner}`} className='ev__tr'>
                <Text className='ev__td'>第{r.place}名</Text>
                <Text className='ev__td'>{r.award || '—'}</Text>
                <Text className='ev__td'>{r.winner}</Text>
                <Text className='ev__td ev__td--wide'>{r.unionName || '—'}</Text>
              </View>
            ))}
        </View>
      ))}
    </View>
  )
}
