import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { aidActions } from '../../../shared/aid/actions'
import type { AppErrorShape } from '../../../shared/contract'
import { formatAge, formatDate, formatDateTime } from '../../../shared/date'
import { reviewActions } from '../../../shared/requests/actions'
import type { RequestDetail } from '../../../shared/requests/views'
import ActionView from '../../components/ActionView'
import HomeVisitForm from '../../components/HomeVisitForm'
import PageShell from '../../components/PageShell'
import StateView from '../../components/StateView'
import { useAction } from '../../hooks/useAction'
import { call } from '../../services/api'
import { openPage } from '../../services/navigation'
import { requestSubscribe } from '../../services/subscribe'
import ChainAndHistory from './components/ChainAndHistory'
import DecisionPanel, { type DecisionKind } from './components/DecisionPanel'
import SensitiveValue from './components/SensitiveValue'
import ShareToReviewer, { shareCardOf, type ShareCard } from './components/ShareToReviewer'
import './review.scss'
import { showModal } from '../../services/modal'

/**
 * 申请详情: the page a 待审批提醒, a 待办 row and a share card from chat open (`packages/review/detail?id=…`),
 * for reviewers and for the applicant. The id in the path grants nothing: the server answers by role, and
 * anyone else who opens a shared card learns only that the request exists.
 */
export default function RequestDetailPage() {
  const { params } = useRouter()
  const requestId = params.id ? decodeURIComponent(params.id) : ''
  // WeChat asks the page for the card when the applicant taps 发给审批人 (a Button with openType share)
  const card = useRef<ShareCard | null>(null)
  useShareAppMessage(() => card.current ?? { title: '工会通', path: '/pages/home/index' })
  if (!requestId) {
    return (
      <PageShell title='申请详情' back>
        <StateView state='empty' message='没有指定要查看的申请' showBack />
      </PageShell>
    )
  }
  return <Detail requestId={requestId} onCard={(c) => (card.current = c)} />
}

/** A request that is not the caller's to see is an expected situation when a card was forwarded: say so, plainly. */
function expectedProblem(error: AppErrorShape): { title: string; message: string } | null {
  if (error.code === 'FORBIDDEN') return { title: '这份申请只有相关的人能看', message: '只有申请人本人和负责审批的工会干部可以查看这份申请的内容。' }
  if (error.code === 'NOT_FOUND') return { title: '没有找到这份申请', message: '它可能已被删除，或者链接不完整。' }
  return null
}

/** Where the kind's own page leads, in words. */
function subjectLinkText(kind: string): string {
  if (kind.startsWith('aid.')) return '查看材料、公示和发放 ›'
  if (kind.startsWith('event.')) return '查看活动 ›'
  return '查看办理进度 ›'
}

const confirmWords: Record<DecisionKind, string> = { approve: '通过', reject: '驳回', return: '退回' }

function Detail({ requestId, onCard }: { requestId: string; onCard: (card: ShareCard | null) => void }) {
  const detail = useAction(reviewActions.getRequest, { requestId })
  onCard(detail.data ? shareCardOf(detail.data) : null)
  const [decision, setDecision] = useState<DecisionKind | null>(null)
  const [busy, setBusy] = useState(false)
  const [fields, setFields] = useState<Record<string, string> | undefined>(undefined)

  usePullDownRefresh(() => {
    detail.reload()
    Taro.stopPullDownRefresh()
  })

  function choose(next: DecisionKind) {
    // 处理: one more banked reminder for the next request, asked inside the tap
    void requestSubscribe(['reviewTodo'])
    setFields(undefined)
    setDecision(next)
  }

  async function decide(d: RequestDetail, kind: DecisionKind, reason: string) {
    const sure = await showModal({
      title: `确认${confirmWords[kind]}`,
      content: `${d.request.applicantName}的${d.request.kindLabel}「${d.request.title}」将被${confirmWords[kind]}，申请人会收到通知。`,
      confirmText: `确认${confirmWords[kind]}`,
      cancelText: '再想想',
    })
    if (!sure.confirm) return
    setBusy(true)
    const result = await call(reviewActions.act, { requestId, decision: kind, reason, expectedVersion: d.request.version })
    setBusy(false)
    if (result.ok) {
      setDecision(null)
      void Taro.showToast({ title: `已${confirmWords[kind]}`, icon: 'success' })
      detail.reload()
      return
    }
    setFields(result.error.fields)
    if (result.error.fields?.homeVisit) {
      // the step needs the home visit first: the form is on this page, take the reviewer there
      setDecision(null)
      void Taro.pageScrollTo({ selector: '#home-visit', duration: 200 })
      return
    }
    void showModal({ title: '没有提交成功', content: result.error.message, showCancel: false, confirmText: '知道了' })
    if (result.error.code === 'CONFLICT') {
      setDecision(null)
      detail.reload()
    }
  }

  async function applicantStep(d: RequestDetail, what: 'withdraw' | 'resubmit') {
    if (what === 'resubmit') void requestSubscribe(['reviewResult'])
    const sure = await showModal({
      title: what === 'withdraw' ? '撤回申请' : '重新提交',
      content: what === 'withdraw' ? '撤回后这份申请不再办理，需要时可以重新申请。确定撤回？' : '将按您现在的申请内容重新提交（入会、转会申请带上您个人信息里改好的内容），从第一步重新审核，审核人会看到改了什么。确定提交？',
      confirmText: what === 'withdraw' ? '确定撤回' : '确定提交',
      cancelText: '再想想',
    })
    if (!sure.confirm) return
    setBusy(true)
    const input = { requestId, expectedVersion: d.request.version }
    const result = what === 'withdraw' ? await call(reviewActions.withdraw, input) : await call(reviewActions.resubmit, input)
    setBusy(false)
    if (!result.ok) void showModal({ title: '没有完成', content: result.error.message, showCancel: false, confirmText: '知道了' })
    detail.reload()
  }

  return (
    <PageShell title='申请详情' back>
      <ActionView state={detail} expected={expectedProblem}>
        {(d) => (
          <View>
            <View className='ght-card rv-summary'>
              <View className='rv-summary__head'>
                <Text className='rv-summary__title'>{d.request.title}</Text>
                <Text className={`rv-badge rv-badge--${d.request.status}`}>{d.request.statusLabel}</Text>
                {d.request.overdue && <Text className='rv-badge rv-badge--danger'>已超期</Text>}
              </View>
              <Text className='rv-summary__line'>
                {d.request.kindLabel} · {d.request.unionName}
              </Text>
              {d.request.subtitle && <Text className='rv-summary__line'>{d.request.subtitle}</Text>}
              <Text className='rv-summary__line'>申请人：{d.request.applicantName}</Text>
              <Text className='rv-summary__weak'>
                提交时间：{formatDateTime(d.request.submittedAt)}（{formatAge(d.request.submittedAt)}）
              </Text>
              {d.request.dueAt && (
                <Text className={d.request.overdue ? 'rv-summary__danger' : 'rv-summary__weak'}>
                  办理时限：{formatDate(d.request.dueAt)}前{d.request.overdue ? '（已超期，请尽快处理）' : ''}
                </Text>
              )}
              {d.request.lastReason && (d.request.status === 'returned' || d.request.status === 'rejected') && (
                <Text className='rv-summary__reason'>
                  {d.request.status === 'returned' ? '退回原因' : '驳回原因'}：{d.request.lastReason}
                </Text>
              )}
            </View>

            {d.fields.length > 0 && (
              <View className='ght-card'>
                <Text className='rv-heading'>申请内容</Text>
                {d.fields.map((f, i) => (
                  <SensitiveValue key={`${f.label}-${i}`} field={f} requestId={requestId} canReveal={d.viewer.isReviewer} />
                ))}
              </View>
            )}

            {d.request.kind.startsWith('aid.') && d.viewer.canAct && (
              <AidStep applicationId={d.subject.id} fields={fields} onSaved={() => {
                setFields(undefined)
                detail.reload()
              }} />
            )}

            {d.subject.page && (
              <View className='ght-card rv-subject' role='link' onClick={() => openPage(`/${d.subject.page}`)}>
                <Text className='ght-link'>{subjectLinkText(d.request.kind)}</Text>
              </View>
            )}

            <ChainAndHistory chain={d.chain} history={d.history} />

            {d.viewer.canAct && decision === null && (
              <View className='rv-actions'>
                <Button className='ght-button ght-button--primary rv-actions__main' onClick={() => choose('approve')}>
                  通过
                </Button>
                <Button className='ght-button' onClick={() => choose('return')}>
                  退回修改
                </Button>
                <Button className='ght-button rv-button--danger' onClick={() => choose('reject')}>
                  驳回
                </Button>
              </View>
            )}
            {d.viewer.canAct && decision !== null && (
              <DecisionPanel decision={decision} busy={busy} fields={fields} onCancel={() => setDecision(null)} onConfirm={(reason) => void decide(d, decision, reason)} />
            )}
            {d.escalation !== null && (
              <View className='rv-notice'>
                <Text>{d.escalation}</Text>
              </View>
            )}
            {d.viewer.recusal !== null && (
              <View className='rv-notice'>
                <Text>{d.viewer.recusal}</Text>
              </View>
            )}
            {d.viewer.isReviewer && d.viewer.recusal === null && !d.viewer.canAct && d.request.canAct === false && ['submitted', 'in_review'].includes(d.request.status) && (
              <View className='rv-notice'>
                <Text>这一步由{d.chain.find((s) => s.state === 'current')?.unionName ?? '其他单位'}办理，您可以查看进度。</Text>
              </View>
            )}
            {d.viewer.isApplicant && ['submitted', 'in_review'].includes(d.request.status) && <ShareToReviewer detail={d} />}
            {(d.viewer.canWithdraw || d.viewer.canResubmit) && (
              <View className='rv-actions'>
                {d.viewer.canResubmit && (
                  <Button className='ght-button ght-button--primary' onClick={() => void applicantStep(d, 'resubmit')} disabled={busy}>
                    重新提交
                  </Button>
                )}
                {d.viewer.canWithdraw && (
                  <Button className='ght-button' onClick={() => void applicantStep(d, 'withdraw')} disabled={busy}>
                    撤回申请
                  </Button>
                )}
              </View>
            )}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}

/**
 * The aid step of a decision, inline: the home visit when this desk must write one before approving,
 * or what was found when it is written. Documents, 公示 and payment are on the aid page linked below.
 */
function AidStep({ applicationId, fields, onSaved }: { applicationId: string; fields?: Record<string, string>; onSaved: () => void }) {
  const app = useAction(aidActions.getApplication, { applicationId })
  const a = app.data
  if (!a) return null
  if (a.homeVisit) {
    return (
      <View className='ght-card'>
        <Text className='rv-heading'>入户调查</Text>
        <Text className='rv-summary__line'>
          {a.homeVisit.visitedOn} {a.homeVisit.byName}：{a.homeVisit.note}
        </Text>
      </View>
    )
  }
  if (!a.viewer.canRecordHomeVisit) return null
  return (
    <View className='ght-card'>
      <HomeVisitForm
        applicationId={applicationId}
        fields={fields}
        onSaved={() => {
          app.reload()
          onSaved()
        }}
      />
    </View>
  )
}
