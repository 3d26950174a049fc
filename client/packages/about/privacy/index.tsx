import { Text, View } from '@tarojs/components'
import { showModal } from '../../../services/modal'
import Button from '../../../components/Button'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { accountActions } from '../../../../shared/account/actions'
import type { ConsentItem } from '../../../../shared/account/privacy'
import { formatDateTime } from '../../../../shared/date'
import { migrantPurpose } from '../../../../shared/membership/consentTexts'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import './index.scss'

interface Section {
  heading: string
  lines: string[]
}

// Plain-language notice (个人信息保护法 第17条: purpose, data, retention, rights). The binding text is
// the 用户隐私保护指引 declared in the WeChat admin console; this page must say the same.
const sections: Section[] = [
  {
    heading: '我们收集什么',
    lines: [
      '您的微信身份标识（用来认出是您本人，我们看不到您的微信号和聊天内容）和您填写的昵称。',
      '您申请入会、帮扶或报名活动时主动填写的内容。',
      migrantPurpose,
      '身份证号、银行卡号、病情和孩子的信息，只在您申请需要它的帮扶项目时收集，收集前会单独征得您的同意。',
    ],
  },
  {
    heading: '用来做什么',
    lines: ['办理入会、转会、帮扶、助学和活动报名，并把审批结果通知您。不做广告，不卖给任何人。'],
  },
  {
    heading: '怎样保护',
    lines: [
      '敏感信息加密保存，页面上只显示部分号码。',
      '只有负责审核您申请的工会工作人员能查看完整信息，每次查看都会留下记录。',
      '公示名单只显示姓名、单位、帮扶类别和金额。',
    ],
  },
  {
    heading: '保存多久',
    lines: ['办理完成后只保存规定需要的时间，到期删除。'],
  },
  {
    heading: '您的权利',
    lines: ['您可以查看、更正您的信息，可以在本页随时撤回同意，也可以查看谁看过您的完整信息。要求删除或有疑问，请联系您所在的工会。'],
  },
]

/** One consent: what it is for, when it was given, and a withdrawal that says first what will happen. */
function ConsentRow({ item, busy, onWithdraw }: { item: ConsentItem; busy: boolean; onWithdraw: (item: ConsentItem) => void }) {
  return (
    <View className='privacy__consent'>
      <Text className='privacy__consent-title'>{item.label}</Text>
      <Text className='privacy__line'>用途：{item.use}</Text>
      {item.to && <Text className='privacy__line'>授权给：{item.to}</Text>}
      <Text className='privacy__meta'>
        {formatDateTime(item.grantedAt)} 同意
        {item.withdrawn && item.withdrawnAt ? `，${formatDateTime(item.withdrawnAt)} 已撤回` : ''}
      </Text>
      {!item.withdrawn && (
        <Button className='ght-button privacy__withdraw' disabled={busy || undefined} onClick={() => onWithdraw(item)}>
          撤回同意
        </Button>
      )}
    </View>
  )
}

/** 隐私与授权: the notice in plain words, the consents I gave (each withdrawable), and who viewed my full data. */
export default function Privacy() {
  const consents = useAction(accountActions.myConsents, {})
  const accessLog = useAction(accountActions.myAccessLog, { limit: 20 })
  const [busy, setBusy] = useState<string | null>(null)
  usePullDownRefresh(() => {
    consents.reload()
    accessLog.reload()
    Taro.stopPullDownRefresh()
  })

  async function withdraw(item: ConsentItem) {
    const sure = await showModal({ title: `撤回“${item.label}”？`, content: item.withdrawEffect, confirmText: '确认撤回', cancelText: '不撤回' })
    if (!sure.confirm) return
    setBusy(item.id)
    const result = await call(accountActions.withdrawConsent, { consentId: item.id, confirm: true })
    setBusy(null)
    if (result.ok) void Taro.showToast({ title: result.data.message, icon: 'none' })
    else void showModal({ title: '没有撤回', content: result.error.message, showCancel: false, confirmText: '知道了' })
    consents.reload()
  }

  return (
    <PageShell title='隐私与授权' back>
      <View className='ght-card privacy__section'>
        <Text className='privacy__heading'>我的授权</Text>
        <ActionView state={consents} isEmpty={(d) => d.items.length === 0} emptyMessage='您还没有同意过任何授权'>
          {(d) => (
            <View>
              {d.items.map((item) => (
                <ConsentRow key={item.id} item={item} busy={busy === item.id} onWithdraw={(i) => void withdraw(i)} />
              ))}
            </View>
          )}
        </ActionView>
      </View>
      <View className='ght-card privacy__section'>
        <Text className='privacy__heading'>谁看过我的完整信息</Text>
        <Text className='privacy__line'>审核人员查看您的完整身份证号、银行卡号或申请材料时，都会记在这里。</Text>
        <ActionView state={accessLog} isEmpty={(d) => d.items.length === 0} emptyMessage='还没有人查看过您的完整信息'>
          {(d) => (
            <View>
              {d.items.map((e) => (
                <View key={e.id} className='privacy__access'>
                  <Text className='privacy__line'>
                    {e.who} 查看了{e.context ? `您${e.context}中的` : '您的'}{e.what}
                  </Text>
                  <Text className='privacy__meta'>{formatDateTime(e.at)}</Text>
                </View>
              ))}
            </View>
          )}
        </ActionView>
      </View>
      {sections.map((section) => (
        <View key={section.heading} className='ght-card privacy__section'>
          <Text className='privacy__heading'>{section.heading}</Text>
          {section.lines.map((line) => (
            <Text key={line} className='privacy__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </PageShell>
  )
}
