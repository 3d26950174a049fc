import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { duesExemptionLabel, formatYuan, membershipActions, parseYuanToFen, quoteDues } from '../../../../shared/membership'
import ActionView from '../../../components/ActionView'
import Check from '../../../components/form/Check'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { unionActions, type MyDues } from '../../../../shared/union'
import '../membership.scss'

/** 会费: 已缴至 and the months the union recorded (or 免缴), then what a member pays each month, worked out on the phone from the wage they type (not stored). */
export default function Dues() {
  const membership = useAction(membershipActions.myMembership, {})
  const recorded = useAction(unionActions.myDues, {})
  const [wage, setWage] = useState('')
  const [hardship, setHardship] = useState(false)

  return (
    <PageShell title='我的会费' back>
      <ActionView state={membership}>
        {(m) => {
          const retained = m.current?.status === 'retained'
          const wageFen = parseYuanToFen(wage)
          const quote = wageFen === null ? null : quoteDues({ wageFen, retained, hardship })
          const problem = wage && wageFen === null ? { wage: '请填写金额，如 5009 或 5009.50（元）' } : undefined
          return (
            <View>
              {recorded.data && (m.current || recorded.data.history.length > 0) && <Recorded dues={recorded.data} />}
              <View className='ght-card'>
                <Text className='mb__line'>会员每月按本人工资收入的0.5%缴纳会费，工资尾数不足10元的部分不计缴。</Text>
                <Text className='mb__weak'>奖金、津贴、补贴、稿费、退休金等不计入。这里只做计算，不会保存您的工资。</Text>
              </View>
              <View className='ght-card'>
                <Field label='每月工资（元）' name='wage' value={wage} onChange={setWage} fields={problem} type='digit' maxlength={12} placeholder='如：5009' />
                <Check checked={hardship} onChange={setHardship}>
                  <Text>我是经工会认定的困难职工</Text>
                </Check>
              </View>
              {quote && (
                <View className='ght-card' role='status'>
                  <View className='mb__row'>
                    <Text className='mb__row-label'>计缴工资</Text>
                    <Text>{formatYuan(quote.countedWageFen)} 元</Text>
                  </View>
                  <View className='mb__row'>
                    <Text className='mb__row-label'>标准会费</Text>
                    <Text>{formatYuan(quote.standardDuesFen)} 元/月</Text>
                  </View>
                  <View className='mb__row'>
                    <Text className='mb__row-label'>每月应缴</Text>
                    <Text className='mb__big'>{formatYuan(quote.duesFen)} 元</Text>
                  </View>
                  {quote.exemption && <Text className='mb__ok'>{duesExemptionLabel[quote.exemption]}</Text>}
                </View>
              )}
              {retained && !quote && <Text className='mb__ok'>{duesExemptionLabel.retained}</Text>}
              {!m.current && <Text className='mb__weak mb__lead'>您还不是会员，入会后从工会告知的月份开始缴纳。</Text>}
            </View>
          )
        }}
      </ActionView>
    </PageShell>
  )
}

/** 已缴至 YYYY年M月, 免缴 when the union granted it, and the months recorded, newest first. */
function Recorded({ dues }: { dues: MyDues }) {
  return (
    <View className='ght-card'>
      <View className='mb__row'>
        <Text className='mb__row-label'>已缴至</Text>
        <Text className='mb__big'>{dues.paidThrough ?? '尚无记录'}</Text>
      </View>
      {dues.exemption && (
        <View>
          <Text className='mb__ok'>
            {dues.exemption.fromLabel}免缴会费：{dues.exemption.reason}
          </Text>
          {dues.exemption.hardshipFile && <Text className='mb__weak'>依据您的困难职工档案，由工会批准。</Text>}
        </View>
      )}
      {dues.history.map((h) => (
        <View key={h.month + h.unionName} className='mb__row'>
          <Text className='mb__row-label'>{h.monthLabel}</Text>
          <Text>
            {h.statusLabel}
            {h.status === 'paid' ? ` ${formatYuan(h.amountFen)} 元` : ''}
          </Text>
        </View>
      ))}
      {dues.history.length === 0 && <Text className='mb__weak'>工会还没有登记过您的会费。</Text>}
    </View>
  )
}
