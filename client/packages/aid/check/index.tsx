import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRouter } from '@tarojs/taro'
import { aidActions } from '../../../../shared/aid/actions'
import type { ApplicationItem, SchemeVerdictView } from '../../../../shared/aid/api'
import { formatYuan } from '../../../../shared/aid/money'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { openPage } from '../../../services/navigation'
import '../aid.scss'

/**
 * 资格测算: the household's numbers worked through in plain words, then every scheme with its
 * answer and reasons. From a "yes", one tap opens that application with its document checklist.
 */
export default function CheckPage() {
  const { params } = useRouter()
  const proxyId = params.proxy ? decodeURIComponent(params.proxy) : undefined
  const check = useAction(aidActions.checkEligibility, proxyId ? { proxyId } : {})
  // an application already under way is shown on its scheme instead of 可以直接申请 (own applications only)
  const apps = useAction(aidActions.myApplications, {})
  const underWay = (code: string): ApplicationItem | undefined =>
    proxyId ? undefined : apps.data?.items.find((a) => a.scheme === code && UNDER_WAY.includes(a.status))
  return (
    <PageShell title='帮扶资格测算' back>
      <ActionView state={check}>
        {(c) => (
          <View>
            <View className='ght-card'>
              <Text className='aid__heading'>测算结果</Text>
              <Text className='aid__big'>{c.levelLabel}</Text>
              <Text className='aid__weak'>
                每人每月{formatYuan(Math.max(0, c.figures.perCapitaMonthlyFen))} · 当地低保{formatYuan(c.dibaoFen)}
                {c.dibaoIsDemo ? '（演示数值）' : ''}
              </Text>
              <Text className='aid__weak'>{c.basis}</Text>
              <Text className='aid__sub'>怎么算的</Text>
              {c.lines.map((line, i) => (
                <Text key={i} className='aid__line'>
                  {i + 1}. {line}
                </Text>
              ))}
              {c.migrantProblems.map((p, i) => (
                <Text key={`m${i}`} className='aid__no'>
                  {p}
                </Text>
              ))}
              {!c.isMember && !proxyId && (
                <View className='aid__actions'>
                  <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/membership/index')}>
                    申请加入工会
                  </Button>
                </View>
              )}
              <View className='aid__actions'>
                <Button className='ght-button' onClick={() => openPage(`/packages/aid/household/index${proxyId ? `?proxy=${proxyId}` : ''}`)}>
                  修改家庭情况后重新测算
                </Button>
              </View>
            </View>
            <Text className='aid__lead'>各项帮扶能否申请（{c.unionName}）</Text>
            {c.schemes.map((s) => (
              <SchemeCard key={s.code} verdict={s} proxyId={proxyId} underWay={underWay(s.code)} />
            ))}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}

const UNDER_WAY: readonly string[] = ['submitted', 'in_review', 'returned', 'publicized', 'objection', 'awaiting_payment']

/** What the check found about the family (a level, a file, a child's amount): a finding, not a reason for a no. */
const isFinding = (line: string) => /^(您家属于|您家已建立|子女（)/.test(line)
/** The closing sentence the verdict adds (可以直接申请 / 暂不能申请…): the card already says it in its status line. */
const isVerdictLine = (line: string) => /可以直接申请。$|^暂不能申请/.test(line)

function SchemeCard({ verdict: v, proxyId, underWay }: { verdict: SchemeVerdictView; proxyId?: string; underWay?: ApplicationItem }) {
  const apply = (member?: number) =>
    openPage(`/packages/aid/apply/index?scheme=${v.code}${member === undefined ? '' : `&member=${member}`}${proxyId ? `&proxy=${proxyId}` : ''}`)
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>{v.label}</Text>
      {underWay ? (
        <Text className='aid__ok'>已有一份申请在办理：{underWay.statusLabel}</Text>
      ) : (
        <Text className={v.eligible ? 'aid__ok' : 'aid__no'}>{v.eligible ? '✓ 符合条件，可以直接申请' : '✗ 暂不能申请'}</Text>
      )}
      {v.amountFen !== null && <Text className='aid__big'>{formatYuan(v.amountFen)}</Text>}
      {v.reasons
        .filter((r) => !isVerdictLine(r))
        .map((r, i) =>
          v.eligible || isFinding(r) ? (
            <Text key={i} className='aid__line'>
              {isFinding(r) ? '✓ ' : '· '}
              {r}
            </Text>
          ) : (
            <Text key={i} className='aid__no'>
              ✗ {r}
            </Text>
          ),
        )}
      {!v.eligible && v.reasons.some((r) => r.includes('加入') && r.includes('工会')) && !proxyId && (
        <View className='aid__actions'>
          <Button className='ght-button' onClick={() => openPage('/packages/membership/index')}>
            申请加入工会
          </Button>
        </View>
      )}
      <Text className='aid__weak'>申请时间：{v.windowText}</Text>
      <Text className='aid__sub'>需要准备的材料</Text>
      {v.documents.map((d) => (
        <Text key={d.code} className='aid__line'>
          {d.required ? '（必交）' : '（如有）'}
          {d.label}
        </Text>
      ))}
      {underWay && (
        <View className='aid__actions'>
          <Button className='ght-button ght-button--primary' onClick={() => openPage(`/packages/aid/detail/index?id=${underWay.id}`)}>
            查看这份申请
          </Button>
        </View>
      )}
      {v.eligible && !underWay && (
        <View className='aid__actions'>
          {v.code === 'school' ? (
            v.children.map((child) => (
              <Button key={child.memberIndex} className='ght-button ght-button--primary' onClick={() => apply(child.memberIndex)}>
                为{child.age}岁的孩子（{child.stageLabel}）申请金秋助学
              </Button>
            ))
          ) : (
            <Button className='ght-button ght-button--primary' onClick={() => apply()}>
              申请{v.label}
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
