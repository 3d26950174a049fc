import { View } from '@tarojs/components'
import Button from './Button'
import { goBack } from '../services/navigation'
import { Empty } from './nut/empty'
import './StateView.scss'

export interface EmptyStateProps {
  /** what is empty, in plain words (e.g. 暂时没有待办) */
  title?: string
  /** what happens next or what to do, e.g. 有新的申请时，会通过微信提醒告诉您 */
  message: string
  /** a 返回 button under it */
  showBack?: boolean
}

/**
 * "Nothing here yet" drawn with NutUI's Empty, for subpackage pages only. The main package (the three tabs)
 * keeps StateView's plain empty state: NutUI's Empty with its Button, icons and helpers would put it over
 * the 450 KiB budget (see nut/README.md). The picture is our own shape, not NutUI's default, which is fetched from
 * a JD image server (a request to a third party, and a broken image offline).
 */
export default function EmptyState({ title = '暂时没有内容', message, showBack }: EmptyStateProps) {
  return (
    <View className='state-view state-view--empty'>
      <Empty className='state-view__empty' size='small' image={<View className='state-view__art' />} title={title} description={message} />
      {showBack && (
        <View className='state-view__actions'>
          <Button className='ght-button' onClick={goBack}>
            返回
          </Button>
        </View>
      )}
    </View>
  )
}
