import { Text, View } from '@tarojs/components'
import { unionLevelLabel } from '../../../../shared/domain/union'
import type { UnionSummary } from '../../../../shared/union'

export interface UnionListProps {
  items: ReadonlyArray<{ union: UnionSummary; note?: string }>
  /** what tapping a union does (e.g. open the application form) */
  onPick: (union: UnionSummary) => void
  /** the verb on each row: 申请加入 / 转入 */
  verb: string
}

/** Unions to choose from: name, where it is, and why it is suggested. */
export default function UnionList({ items, onPick, verb }: UnionListProps) {
  return (
    <View>
      {items.map(({ union, note }) => (
        <View key={union._id} className='mb__item' role='button' onClick={() => onPick(union)}>
          <Text className='mb__item-title'>
            {union.name}
            <Text className='mb__tag'>{union.acceptsGigWorkers ? '新就业形态' : unionLevelLabel[union.level]}</Text>
          </Text>
          <Text className='mb__weak'>{union.region}</Text>
          {note && <Text className='mb__weak'>{note}</Text>}
          <Text className='ght-link mb__line'>{verb} ›</Text>
        </View>
      ))}
    </View>
  )
}
