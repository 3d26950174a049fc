import { Text, View } from '@tarojs/components'
import type { UnionRef, UnionSummary } from '../../../../shared/union'

/** The union an application goes to, with the tree above it: 朝阳区总工会 › 望京街道工会联合会. */
export default function UnionHeader({ union, ancestors }: { union: UnionSummary; ancestors: readonly UnionRef[] }) {
  return (
    <View className='ght-card'>
      <Text className='mb__weak'>申请加入</Text>
      <Text className='mb__big'>{union.name}</Text>
      {ancestors.length > 0 && <Text className='mb__weak'>{ancestors.map((a) => a.name).join(' › ')}</Text>}
      <Text className='mb__weak'>{union.region}</Text>
    </View>
  )
}
