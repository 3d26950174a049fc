import { View } from '@tarojs/components'
import { hasResults } from '../../../../shared/events/rules'
import type { EventKind } from '../../../../shared/events/schemas'
import Button from '../../../components/Button'
import { openPage } from '../../../services/navigation'

/** An organiser's page of one event, under `/packages/events/<page>/index?id=<eventId>`. */
export type OrganiserPage = 'participants' | 'checkin' | 'results' | 'edit' | 'detail'

const pageLabels: Record<OrganiserPage, string> = {
  participants: '报名名单',
  checkin: '现场签到',
  results: '录入成绩',
  edit: '修改活动',
  detail: '活动页',
}

/** One button per page, in the order given; `labels` renames a page where its usual word reads wrong. 录入成绩 only for kinds that have results. */
export default function OrganiserLinks({
  eventId,
  kind,
  pages,
  labels = {},
  className,
}: {
  eventId: string
  kind: EventKind | null
  pages: readonly OrganiserPage[]
  labels?: Partial<Record<OrganiserPage, string>>
  className: 'ev__actions' | 'ev__choices'
}) {
  return (
    <View className={className}>
      {pages.filter((page) => page !== 'results' || (kind !== null && hasResults(kind))).map((page) => (
        <Button key={page} className='ght-button' onClick={() => openPage(`/packages/events/${page}/index?id=${eventId}`)}>
          {labels[page] ?? pageLabels[page]}
        </Button>
      ))}
    </View>
  )
}
