import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { z } from 'zod'
import { formatDateTime } from '../../../../shared/date'
import { eventsActions } from '../../../../shared/events/actions'
import { ParticipantFilter, type ParticipantRow, signupStatusLabel } from '../../../../shared/events/schemas'
import ActionView from '../../../components/ActionView'
import Choices from '../../../components/form/Choices'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { usePaged } from '../../../hooks/usePaged'
import { useReloadOnReturn } from '../../../hooks/useReloadOnReturn'
import { call } from '../../../services/api'
import ExportButtons from '../components/ExportButtons'
import LoadMore from '../components/LoadMore'
import OrganiserLinks from '../components/OrganiserLinks'
import RemoveParticipant from '../components/RemoveParticipant'
import UnitLeads from '../components/UnitLeads'
import '../events.scss'

const statusOptions = ParticipantFilter.options.map((s) => ({ value: s, label: s === 'all' ? '全部' : signupStatusLabel[s] }))

/** Who an organiser may remove (移出): someone holding a place or waiting for one, not yet checked in; a review still open is decided in 待办审批. */
const removable = (r: ParticipantRow): boolean => (r.status === 'confirmed' || r.status === 'waitlisted') && r.attendance !== '已签到' && r.attendance !== '迟到'

/** 报名名单 (`participants/index?id=<eventId>`): who signed up, by unit, with totals and export. */
export default function ParticipantsPage() {
  const { params } = useRouter()
  const eventId = params.id ? decodeURIComponent(params.id) : ''
  return (
    <PageShell title='报名名单' back>
      {eventId ? <Participants eventId={eventId} /> : <StateView state='empty' message='没有指定活动' showBack />}
    </PageShell>
  )
}

function Participants({ eventId }: { eventId: string }) {
  const [status, setStatus] = useState<z.infer<typeof ParticipantFilter>>('all')
  const [unit, setUnit] = useState<{ unionId: string; name: string } | null>(null)
  const [notice, setNotice] = useState('')
  const filter = { eventId, status, limit: 50, ...(unit ? { unionId: unit.unionId } : {}) }
  const list = usePaged(JSON.stringify(filter), (cursor) => call(eventsActions.participants, cursor ? { ...filter, cursor } : filter), (p) => p.rows)
  useReloadOnReturn(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <View>
      <ActionView state={list}>
        {(d) => (
          <View>
            <View className='ght-card'>
              <Text className='ev__heading'>{d.first.title}</Text>
              <Text className='ev__line'>
                名额已占{d.first.totals.places}/{d.first.totals.capacity}
                {d.first.mode === 'team' ? `（每队占1个）` : ''}
              </Text>
              <Text className='ev__line'>
                报名成功{d.first.totals.confirmed}人 · 待审核{d.first.totals.pending}人 · 候补{d.first.totals.waitlisted}人 · 已签到{d.first.totals.checkedIn}人
              </Text>
              {unit && <Text className='ev__weak'>只看：{unit.name}</Text>}
            </View>
            <View className='ght-card'>
              <Text className='ev__heading'>各单位报名情况</Text>
              {d.first.counts.length === 0 ? (
                <Text className='ev__weak'>还没有人报名</Text>
              ) : (
                <View className='ev__table'>
                  <View className='ev__tr ev__tr--head'>
                    <Text className='ev__td ev__td--wide'>单位</Text>
                    <Text className='ev__td'>成功</Text>
                    <Text className='ev__td'>待审</Text>
                    <Text className='ev__td'>候补</Text>
                    <Text className='ev__td'>签到</Text>
                  </View>
                  {d.first.counts.map((c) => (
                    <View key={c.unionId || c.unionName} className='ev__tr' role='button' onClick={() => setUnit(unit?.unionId === c.unionId || !c.unionId ? null : { unionId: c.unionId, name: c.unionName })}>
                      <Text className='ev__td ev__td--wide ght-link'>
                        {unit?.unionId === c.unionId ? '✓ ' : ''}
                        {c.unionName || '非会员'}
                      </Text>
                      <Text className='ev__td'>{c.confirmed}</Text>
                      <Text className='ev__td'>{c.pending}</Text>
                      <Text className='ev__td'>{c.waitlisted}</Text>
                      <Text className='ev__td'>{c.checkedIn}</Text>
                    </View>
                  ))}
                </View>
              )}
              <Text className='ev__weak'>点单位名称只看这个单位，再点一次看全部。</Text>
            </View>
            {d.first.scope === 'subtree' && <UnitLeads eventId={eventId} counts={d.first.counts} onSaved={list.reload} />}
          </View>
        )}
      </ActionView>
      <View className='ght-card'>
        <Choices label='报名状态' value={status} options={statusOptions} onChange={setStatus} />
        {list.loading && list.data && <Text className='ev__weak'>正在加载…</Text>}
        {!list.loading && list.data && list.data.items.length === 0 && <Text className='ev__weak'>没有符合条件的报名</Text>}
        {notice && <Text className='ev__ok ev__line'>{notice}</Text>}
        {list.data?.items.map((r) => (
          <View key={r.signupId}>
            <View className='ev__row'>
              <View className='ev__row-main'>
                <Text className='ev__line'>
                  {r.name}
                  {r.team ? ` · ${r.team}` : ''}
                </Text>
                <Text className='ev__weak'>
                  {r.unionName || '非会员'} · {formatDateTime(r.signedUpAt)}报名
                </Text>
                {r.answers.map((a) => (
                  <Text key={a.label} className='ev__weak'>
                    {a.label}：{a.value}
                  </Text>
                ))}
                {r.confirmBy && <Text className='ev__weak'>候补递补，待本人在{formatDateTime(r.confirmBy)}前确认</Text>}
              </View>
              <Text className='ev__tag'>{r.attendance ? `${r.statusLabel}·${r.attendance}` : r.statusLabel}</Text>
            </View>
            {list.data?.first.canRemove && removable(r) && (
              <RemoveParticipant
                eventId={eventId}
                signupId={r.signupId}
                name={r.name}
                onRemoved={(message) => {
                  setNotice(message)
                  list.reload()
                }}
              />
            )}
          </View>
        ))}
      </View>
      <LoadMore list={list} />
      <View className='ght-card'>
        <Text className='ev__heading'>导出和现场</Text>
        <ExportButtons eventId={eventId} unionId={unit?.unionId} />
        <OrganiserLinks eventId={eventId} kind={list.data?.first.kind ?? null} pages={['checkin', 'results', 'detail']} labels={{ detail: '查看活动页' }} className='ev__actions' />
      </View>
    </View>
  )
}
