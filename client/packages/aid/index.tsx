import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import { useDidShow } from '@tarojs/taro'
import { accountActions } from '../../../shared/account'
import { aidActions } from '../../../shared/aid/actions'
import { formatYuan } from '../../../shared/aid/money'
import { formatDate } from '../../../shared/date'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { openPage } from '../../services/navigation'
import './aid.scss'

/** 帮扶与金秋助学: the worker's household, the self-check, their applications; the union's desks for cadres. */
export default function AidHome() {
  const household = useAction(aidActions.getHousehold, {})
  const apps = useAction(aidActions.myApplications, {})
  const me = useAction(accountActions.whoami, {})
  const proxies = useAction(aidActions.myProxies, {})
  useDidShow(() => {
    household.reload()
    apps.reload()
    proxies.reload()
  })

  return (
    <PageShell title='帮扶与金秋助学'>
      <Text className='aid__lead'>生活困难的职工和农民工，可以先测一测能申请哪些帮扶，再在线申请。</Text>
      <ActionView state={household}>
        {(h) => (
          <View className='ght-card'>
            <Text className='aid__heading'>第一步：家庭情况</Text>
            {h.profile === null ? (
              <Text className='aid__line'>还没有填写。填一次，以后每次申请都能用。</Text>
            ) : h.needsReconfirm ? (
              <Text className='aid__line'>家庭情况已超过一年，请核对一遍（每年确认一次）。</Text>
            ) : (
              <Text className='aid__line'>
                已填写（{h.profile.members.length}口人），{h.confirmedAt ? `${formatDate(h.confirmedAt)}确认` : ''}
              </Text>
            )}
            <View className='aid__actions'>
              <Button className={h.profile === null || h.needsReconfirm ? 'ght-button ght-button--primary' : 'ght-button'} onClick={() => openPage('/packages/aid/household/index')}>
                {h.profile === null ? '填写家庭情况' : h.needsReconfirm ? '核对家庭情况' : '修改家庭情况'}
              </Button>
              {h.profile !== null && (
                <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/aid/check/index')}>
                  第二步：测一测能申请什么
                </Button>
              )}
            </View>
          </View>
        )}
      </ActionView>

      <View className='ght-card'>
        <Text className='aid__heading'>我的申请</Text>
        <ActionView state={apps} isEmpty={(d) => d.items.length === 0} emptyMessage='还没有提交过帮扶申请'>
          {(d) => (
            <View>
              {d.items.map((item) => (
                <View key={item.id} className='aid__row' role='link' onClick={() => openPage(`/packages/aid/detail/index?id=${item.id}`)}>
                  <View className='aid__row-main'>
                    <Text className='aid__line'>{item.title}</Text>
                    <Text className='aid__weak'>
                      {formatDate(item.submittedAt)}提交{item.byProxy ? ' · 工会代办' : ''}
                      {item.amountFen !== null ? ` · ${formatYuan(item.amountFen)}` : ''}
                    </Text>
                  </View>
                  <Text className='aid__tag'>{item.statusLabel}</Text>
                </View>
              ))}
            </View>
          )}
        </ActionView>
      </View>

      <ActionView state={proxies}>
        {(p) => {
          const waiting = p.items.filter((x) => x.isWorker && x.status === 'pending')
          return waiting.length > 0 ? (
            <View className='aid__tile' role='link' onClick={() => openPage('/packages/aid/proxy/index')}>
              <Text className='aid__heading'>有工会干部请求代您申请</Text>
              <Text className='aid__line'>{waiting[0].cadreName}想帮您填写帮扶申请，请确认是否同意 ›</Text>
            </View>
          ) : null
        }}
      </ActionView>

      <View className='aid__tile' role='link' onClick={() => openPage('/packages/aid/notices/index')}>
        <Text className='aid__heading'>帮扶公示</Text>
        <Text className='aid__weak'>本单位正在公示的帮扶名单，有异议可以提出 ›</Text>
      </View>

      <ActionView state={me}>
        {(who) => {
          const roles = new Set(who.grants.map((g) => g.role))
          const cadre = roles.has('chair') || roles.has('vice_chair') || roles.has('committee')
          const reviewer = roles.has('chair') || roles.has('vice_chair') || roles.has('staff')
          if (!cadre && !reviewer) return null
          return (
            <View className='ght-card'>
              <Text className='aid__heading'>工会工作</Text>
              <View className='aid__actions'>
                {reviewer && (
                  <Button className='ght-button' onClick={() => openPage('/packages/review/index')}>
                    待审批的帮扶申请
                  </Button>
                )}
                {cadre && (
                  <Button className='ght-button' onClick={() => openPage('/packages/aid/proxy/index')}>
                    为会员代办申请
                  </Button>
                )}
                {reviewer && (
                  <Button className='ght-button' onClick={() => openPage('/packages/aid/files/index')}>
                    困难职工档案
                  </Button>
                )}
                {reviewer && (
                  <Button className='ght-button' onClick={() => openPage('/packages/aid/manage/index')}>
                    发放、资金台账和统计
                  </Button>
                )}
              </View>
            </View>
          )
        }}
      </ActionView>
    </PageShell>
  )
}
