import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { duesExemptionLabel, formatYuan, membershipActions, parseYuanToFen, quoteDues } from '../../../../shared/membership'
import ActionView from '../../../components/ActionView'
import Check from '../../../components/form/Check'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import '../membership.scss'

/** 会费: what a member pays each month, worked out on the phone from the wage they type (not stored). */
export default function Dues() {
  const membership = useAction(membershipActions.myMembership, {})
  const [wage, setWage] = useState('')
  const [hardship, setHardship] = useState(false)

  return (
    <PageShell title='会费计算' back>
      <ActionView state={membership}>
        {(m) => {
          const retained = m.current?.status === 'retained'
          const wageFen = parseYuanToFen(wage)
          const quote = wageFen === null ? null : quoteDues({ wageFen, retained, hardship })
          const problem = wage && wageFen === null ? { wage: '请填写金额，如 5009 或 5009.50（元）' } : undefined
          return (
            <View>
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
