import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import type { PagedState } from '../../../hooks/usePaged'

/** The foot of a paged list: 加载更多 while there is more, and why the last page did not come. */
export default function LoadMore<P, T>({ list }: { list: PagedState<P, T> }) {
  if (!list.data) return null
  return (
    <View className='ev__more'>
      {list.moreError && <Text className='ev__error'>{list.moreError.message}</Text>}
      {list.hasMore ? (
        <Button className='ght-button' onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : (
        list.data.items.length > 0 && <Text className='ev__weak'>没有更多了</Text>
      )}
    </View>
  )
}
