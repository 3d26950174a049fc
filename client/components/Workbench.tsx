import { Text, View } from '@tarojs/components'
import { formatYuan } from '../../shared/membership/dues'
import { workbenchActions } from '../../shared/union/workbench'
import { useAction } from '../hooks/useAction'
import { useReloadOnReturn } from '../hooks/useReloadOnReturn'
import { openPage } from '../services/navigation'
import ActionView from './ActionView'
import './Workbench.scss'

export interface WorkbenchProps {
  /** the union whose desk this is: the office the person holds (a federation's staff see its subtree) */
  unionId: string
}

/** 工作台: what waits (by kind, overdue first), members and this year's growth, this month's dues; each figure opens its list. */
export default function Workbench({ unionId }: WorkbenchProps) {
  const desk = useAction(workbenchActions.workbench, { unionId })
  // back from deciding, recording dues or registering a union: the figures have changed
  useReloadOnReturn(desk.reload)
  const roster = `/packages/admin/roster/index?id=${unionId}`
  return (
    <View className='ght-card workbench'>
      <ActionView state={desk}>
        {(w) => (
          <View>
            <Text className='workbench__title'>{w.unionName} · 工作台</Text>
            <View className='workbench__figures'>
              {w.waiting.length === 0 ? (
                <View className='workbench__figure' onClick={() => openPage('/packages/review/index')}>
                  <Text className='workbench__number'>0</Text>
                  <Text className='workbench__label'>待处理的申请</Text>
                </View>
              ) : (
                w.waiting.map((k) => (
                  <View key={k.kind} className='workbench__figure' onClick={() => openPage('/packages/review/index')}>
                    <Text className='workbench__number'>
                      {k.count}
                      {w.waitingMore ? '+' : ''}
                    </Text>
                    <Text className='workbench__label'>待办：{k.label}</Text>
                    {k.overdue > 0 && <Text className='workbench__label workbench__urgent'>已超时{k.overdue}件</Text>}
                  </View>
                ))
              )}
              <View className='workbench__figure' onClick={() => openPage(w.subtree ? `${roster}&subtree=1` : roster)}>
                <Text className='workbench__number'>{w.members}</Text>
                <Text className='workbench__label'>会员人数</Text>
              </View>
              <View className='workbench__figure' onClick={() => openPage(w.subtree ? `${roster}&subtree=1` : roster)}>
                <Text className='workbench__number'>{w.newThisYear}</Text>
                <Text className='workbench__label'>{w.year}年新增会员</Text>
              </View>
              <View className='workbench__figure' onClick={() => openPage('/packages/aid/manage/index')}>
                <Text className='workbench__number'>{formatYuan(w.figures.aidFen)}</Text>
                <Text className='workbench__label'>{`${w.year}年帮扶发放（元），${w.figures.aidPersons}人次`}</Text>
              </View>
              <View className='workbench__figure' onClick={() => openPage('/packages/events/manage/index')}>
                <Text className='workbench__number'>{w.figures.attendanceThisMonth}</Text>
                <Text className='workbench__label'>{`本月活动人次，已办${w.figures.sessionsThisMonth}场`}</Text>
              </View>
              <View className='workbench__figure' onClick={() => openPage(`/packages/admin/union/index?id=${unionId}`)}>
                <Text className='workbench__number'>{w.dues ? formatYuan(w.dues.totalFen) : '未登记'}</Text>
                <Text className='workbench__label'>
                  {!w.dues ? (w.subtree ? '本月下属工会会费' : '本月会费') : w.subtree ? `${w.dues.monthLabel}会费（元），${w.dues.unions ?? 0}个工会已登记` : `${w.dues.monthLabel}会费（元），未缴${w.dues.unpaid}人`}
                </Text>
              </View>
            </View>
            <Text className='workbench__more' onClick={() => openPage(`/packages/stats/index?id=${unionId}${w.subtree ? '&subtree=1' : ''}`)}>
              年度数据 ›
            </Text>
            <Text className='workbench__more' onClick={() => openPage(`/packages/admin/union/index?id=${unionId}`)}>
              工会管理 ›
            </Text>
          </View>
        )}
      </ActionView>
    </View>
  )
}
