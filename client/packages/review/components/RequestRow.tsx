import { Text, View } from '@tarojs/components'
import { formatAge, formatDate } from '../../../../shared/date'
import type { RequestItem } from '../../../../shared/requests/views'

export interface RequestRowProps {
  item: RequestItem
  /** who reads the row: a reviewer sees the applicant, the applicant sees where it stands */
  audience: 'reviewer' | 'applicant'
  /** batch mode: the row is a checkbox instead of a link */
  selectable?: boolean
  selected?: boolean
  onOpen: (item: RequestItem) => void
  onToggle?: (item: RequestItem) => void
}

/** One request in a list: what, who, since when, and whether it is overdue — in words, not only colour. */
export default function RequestRow({ item, audience, selectable = false, selected = false, onOpen, onToggle }: RequestRowProps) {
  const inBatch = selectable && item.canBatch
  const tap = () => (inBatch ? onToggle?.(item) : onOpen(item))
  const label = `${item.kindLabel}，${item.title}，${audience === 'reviewer' ? item.applicantName + '，' : ''}${formatAge(item.submittedAt)}提交${item.overdue ? '，已超期' : ''}`
  return (
    <View
      className={`rv-row${item.overdue ? ' rv-row--overdue' : ''}${inBatch && selected ? ' rv-row--selected' : ''}`}
      onClick={tap}
      role={inBatch ? 'checkbox' : 'button'}
      ariaLabel={inBatch ? `${selected ? '已选中' : '未选中'}，${label}` : label}
    >
      {selectable && <View className={`rv-row__check${inBatch ? '' : ' rv-row__check--off'}`}>{inBatch && selected ? '✓' : ''}</View>}
      <View className='rv-row__main'>
        <View className='rv-row__head'>
          <Text className='rv-row__title'>{item.title}</Text>
          {item.overdue && <Text className='rv-badge rv-badge--danger'>已超期</Text>}
          {audience === 'applicant' && <Text className={`rv-badge rv-badge--${item.status}`}>{item.statusLabel}</Text>}
        </View>
        <Text className='rv-row__line'>
          {item.kindLabel}
          {audience === 'reviewer' ? ` · 申请人 ${item.applicantName}` : ` · ${item.unionName}`}
        </Text>
        <Text className='rv-row__weak'>
          {formatAge(item.submittedAt)}提交 · {item.stepLabel}
          {audience === 'reviewer' && item.dueAt ? ` · ${formatDate(item.dueAt)}前办理` : ''}
        </Text>
        {audience === 'applicant' && item.lastReason && item.status === 'returned' && <Text className='rv-row__reason'>退回原因：{item.lastReason}</Text>}
        {selectable && !item.canBatch && <Text className='rv-row__weak'>此类申请需要逐条审核</Text>}
      </View>
      {!inBatch && <Text className='rv-row__go'>›</Text>}
    </View>
  )
}
