import { Image, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { aidActions } from '../../../../shared/aid/actions'
import type { ApplicationDetail } from '../../../../shared/aid/api'
import { formatYuan } from '../../../../shared/aid/money'
import { formatDate, formatDateTime } from '../../../../shared/date'
import { reviewActions } from '../../../../shared/requests/actions'
import ActionView from '../../../components/ActionView'
import FieldError from '../../../components/FieldError'
import HomeVisitForm from '../../../components/HomeVisitForm'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import Timeline from '../components/Timeline'
import '../aid.scss'

/**
 * 申请详情: for the applicant the status, the amount once decided and every step; for its reviewers
 * also the documents (short-lived links), the audited full view, the home visit, the decision and payment.
 */
export default function DetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  if (!id) {
    return (
      <PageShell title='申请详情' back>
        <StateView state='error' message='没有指定要查看的申请' />
      </PageShell>
    )
  }
  return (
    <PageShell title='申请详情' back>
      <Detail applicationId={id} />
    </PageShell>
  )
}

function Detail({ applicationId }: { applicationId: string }) {
  const app = useAction(aidActions.getApplication, { applicationId })
  useDidShow(() => app.reload())
  return <ActionView state={app}>{(a) => <DetailBody app={a} reload={app.reload} />}</ActionView>
}

function DetailBody({ app, reload }: { app: ApplicationDetail; reload: () => void }) {
  const decided = ['publicized', 'objection', 'awaiting_payment', 'disbursed'].includes(app.status)
  return (
    <View>
      <View className='ght-card'>
        <Text className='aid__heading'>
          {app.schemeLabel}（{app.year}年）
        </Text>
        <Text className='aid__big'>{app.statusLabel}</Text>
        {decided && <Text className='aid__line'>帮扶金额：{formatYuan(app.amountFen)}</Text>}
        {app.paidAt && <Text className='aid__ok'>已于{formatDate(app.paidAt)}打到本人银行卡</Text>}
        {app.notice && app.status === 'publicized' && <Text className='aid__weak'>公示到{formatDateTime(app.notice.endsAt)}，期满无异议后发放</Text>}
        {app.lastReason && (app.status === 'returned' || app.status === 'rejected') && <Text className='aid__no'>意见：{app.lastReason}</Text>}
        {app.viewer.canResubmit && (
          <View className='aid__actions'>
            <Button className='ght-button ght-button--primary' onClick={() => openPage(`/packages/aid/apply/index?edit=${app.id}`)}>
              按意见修改后重新提交
            </Button>
          </View>
        )}
      </View>

      <View className='ght-card'>
        <Text className='aid__heading'>审批进度</Text>
        {app.chain.map((step, i) => (
          <View key={i} className='aid__row'>
            <View className='aid__row-main'>
              <Text className='aid__line'>{step.label}</Text>
              <Text className='aid__weak'>{step.unionName}</Text>
            </View>
            <Text className='aid__tag'>{{ done: '已完成', current: '办理中', waiting: '未开始', stopped: '已停止' }[step.state]}</Text>
          </View>
        ))}
        <Text className='aid__sub'>办理记录</Text>
        <Timeline items={app.timeline} />
      </View>

      <View className='ght-card'>
        <Text className='aid__heading'>申请内容</Text>
        <Text className='aid__line'>单位：{app.unionName}</Text>
        <Text className='aid__line'>困难类别：{app.levelLabel}</Text>
        <Text className='aid__line'>申请人：{app.applicant.name}</Text>
        <Text className='aid__line'>身份证号：{app.applicant.idNumber}</Text>
        <Text className='aid__line'>手机号：{app.applicant.phone}</Text>
        <Text className='aid__line'>
          收款：{app.applicant.bankName} {app.applicant.bankCard}
        </Text>
        {app.child && (
          <View>
            <Text className='aid__line'>
              孩子：{app.child.name}，{app.child.stageLabel}，{app.child.school}
              {app.child.isNewStudent ? '（新生）' : ''}
            </Text>
            <Text className='aid__line'>孩子身份证号：{app.child.idNumber}</Text>
          </View>
        )}
        {app.hasDiagnosis && <Text className='aid__line'>诊断结果：已填写（仅审核人可查看）</Text>}
        {app.selfPaidMedicalFen !== null && <Text className='aid__line'>自付医疗费用：{formatYuan(app.selfPaidMedicalFen)}</Text>}
        {app.statement && <Text className='aid__line'>情况说明：{app.statement}</Text>}
        <Text className='aid__sub'>金额怎么算的</Text>
        {app.amountLines.map((line, i) => (
          <Text key={i} className='aid__line'>
            {line}
          </Text>
        ))}
        <Documents app={app} />
      </View>

      {app.viewer.isReviewer && <ReviewerPanel app={app} reload={reload} />}
    </View>
  )
}

function Documents({ app }: { app: ApplicationDetail }) {
  const [links, setLinks] = useState<Array<{ code: string; label: string; url: string }> | null>(null)
  const [problem, setProblem] = useState('')
  async function open() {
    const res = await call(aidActions.documentLinks, { applicationId: app.id })
    if (!res.ok) return setProblem(res.error.message)
    setLinks(res.data.links)
  }
  return (
    <View>
      <Text className='aid__sub'>材料（{app.documents.length}份）</Text>
      {app.documents.map((d) => (
        <Text key={d.fileId} className='aid__line'>
          ✓ {d.label}
        </Text>
      ))}
      {app.documents.length > 0 && links === null && (
        <Button className='ght-button' onClick={open}>
          查看材料（链接10分钟内有效）
        </Button>
      )}
      {problem && <Text className='field-error'>！{problem}</Text>}
      {links?.map((l) => (
        <View key={l.code + l.url}>
          <Text className='aid__weak'>{l.label}</Text>
          <Image className='aid__doc-image' src={l.url} mode='aspectFit' onClick={() => Taro.previewImage({ urls: [l.url] })} />
        </View>
      ))}
    </View>
  )
}

type Decision = 'approve' | 'return' | 'reject'
const decisionWords: Record<Decision, { title: string; confirm: string; needsReason: boolean }> = {
  approve: { title: '审核通过', confirm: '确认通过', needsReason: false },
  return: { title: '退回修改', confirm: '确认退回', needsReason: true },
  reject: { title: '驳回', confirm: '确认驳回', needsReason: true },
}

/** The reviewer's side: full view (audited), home visit, decision, payment. */
function ReviewerPanel({ app, reload }: { app: ApplicationDetail; reload: () => void }) {
  const request = useAction(reviewActions.getRequest, { requestId: app.requestId })
  const [decision, setDecision] = useState<Decision | null>(null)
  const [reason, setReason] = useState('')
  const [reference, setReference] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const [revealed, setRevealed] = useState<Record<string, string>>({})

  async function run(send: () => Promise<{ ok: boolean; error?: AppErrorShape }>) {
    if (busy) return
    setBusy(true)
    const res = await send()
    setBusy(false)
    if (!res.ok) return setError(res.error ?? null)
    setError(null)
    setDecision(null)
    setReason('')
    request.reload()
    reload()
  }

  async function reveal(field: string) {
    const res = await call(reviewActions.revealSensitive, { requestId: app.requestId, field })
    if (!res.ok) return setError(res.error)
    setRevealed((r) => ({ ...r, [field]: res.data.value }))
  }

  return (
    <View className='ght-card'>
      <Text className='aid__heading'>审核</Text>
      {app.objections.length > 0 && (
        <View>
          <Text className='aid__sub'>公示异议</Text>
          {app.objections.map((o) => (
            <Text key={o.id} className='aid__line'>
              [{o.status}] {o.text}
            </Text>
          ))}
        </View>
      )}
      <Text className='aid__sub'>查看完整信息（每次查看都会记录）</Text>
      {(['applicant.idNumber', 'applicant.bankCard'] as const).map((field) =>
        revealed[field] ? (
          <Text key={field} className='aid__line'>
            {field === 'applicant.idNumber' ? '身份证号' : '银行卡号'}：{revealed[field]}
          </Text>
        ) : (
          <Button key={field} className='ght-button' onClick={() => reveal(field)}>
            {field === 'applicant.idNumber' ? '查看完整身份证号' : '查看完整银行卡号'}
          </Button>
        ),
      )}

      {app.homeVisit ? (
        <Text className='aid__line'>
          入户调查（{app.homeVisit.visitedOn}，{app.homeVisit.byName}）：{app.homeVisit.note}
        </Text>
      ) : (
        app.viewer.canRecordHomeVisit && (
          <HomeVisitForm
            applicationId={app.id}
            fields={error?.fields}
            onSaved={() => {
              request.reload()
              reload()
            }}
          />
        )
      )}

      <ActionView state={request}>
        {(r) =>
          r.viewer.canAct ? (
            <View>
              <Text className='aid__sub'>当前环节：{r.request.stepLabel}</Text>
              {decision === null ? (
                <View className='aid__actions'>
                  <Button className='ght-button ght-button--primary' onClick={() => setDecision('approve')}>
                    审核通过
                  </Button>
                  <Button className='ght-button' onClick={() => setDecision('return')}>
                    退回修改
                  </Button>
                  <Button className='ght-button' onClick={() => setDecision('reject')}>
                    驳回
                  </Button>
                </View>
              ) : (
                <View>
                  <Field
                    label={decisionWords[decision].needsReason ? `${decisionWords[decision].title}的原因（必填）` : '审核意见（选填）'}
                    name='reason'
                    value={reason}
                    onChange={setReason}
                    fields={error?.fields}
                    placeholder='申请人会看到这段话'
                    maxlength={200}
                    multiline
                  />
                  <View className='aid__actions'>
                    <Button
                      className='ght-button ght-button--primary'
                      disabled={busy}
                      onClick={() =>
                        run(() =>
                          call(
                            reviewActions.act,
                            decision === 'approve'
                              ? { requestId: app.requestId, decision, reason, expectedVersion: r.request.version }
                              : { requestId: app.requestId, decision, reason, expectedVersion: r.request.version },
                          ),
                        )
                      }
                    >
                      {busy ? '正在提交…' : decisionWords[decision].confirm}
                    </Button>
                    <Button className='ght-button' onClick={() => setDecision(null)}>
                      取消
                    </Button>
                  </View>
                </View>
              )}
            </View>
          ) : null
        }
      </ActionView>

      {app.viewer.canPay && (
        <View>
          <Text className='aid__sub'>登记发放（公示已结束）</Text>
          <Field label='银行转账流水号' name='reference' value={reference} onChange={setReference} fields={error?.fields} placeholder='打卡发放后填写' maxlength={40} />
          <Button className='ght-button ght-button--primary' onClick={() => run(() => call(aidActions.recordPayment, { applicationId: app.id, reference }))} disabled={busy}>
            确认已发放{formatYuan(app.amountFen)}
          </Button>
        </View>
      )}
      {app.viewer.canFileHousehold && (
        <View>
          <Text className='aid__sub'>困难职工认定</Text>
          <Text className='aid__weak'>一次性帮扶不会建档。核实后认定为困难职工家庭，才建立困难职工档案（{app.levelLabel}）。</Text>
          <Button className='ght-button' onClick={() => run(() => call(aidActions.fileHousehold, { applicationId: app.id }))} {...(busy ? { disabled: true } : {})}>
            认定为困难职工并建档
          </Button>
        </View>
      )}
      {error && <Text className='aid__error'>{error.message}</Text>}
    </View>
  )
}
