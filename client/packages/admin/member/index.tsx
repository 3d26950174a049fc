import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { formatDate, inChina } from '../../../../shared/date'
import { formatYuan } from '../../../../shared/membership/dues'
import { unionActions, type MemberDetail, type RevealField } from '../../../../shared/union'
import Button from '../../../components/Button'
import ActionView from '../../../components/ActionView'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { showModal } from '../../../services/modal'
import '../admin.scss'

/** 会员详情 from the 会员名册: `?id=<unionId>&no=<memberNo>`. */
export default function MemberPage() {
  const { params } = useRouter()
  const unionId = params.id ? decodeURIComponent(params.id) : ''
  const memberNo = params.no ? decodeURIComponent(params.no) : ''
  const member = useAction(unionActions.member, { unionId, memberNo })
  return (
    <PageShell title='会员详情' back>
      <ActionView state={member}>{(m) => <Member m={m} unionId={unionId} reload={member.reload} />}</ActionView>
    </PageShell>
  )
}

function Member({ m, unionId, reload }: { m: MemberDetail; unionId: string; reload: () => void }) {
  return (
    <View>
      <View className='ght-card'>
        <Text className='ad__heading'>
          {m.name}
          {m.arrears && <Text className='ad__tag ad__tag--warn'>拟除名</Text>}
          {m.exemption && <Text className='ad__tag'>免缴</Text>}
        </Text>
        <Text className='ad__line'>会籍：{m.statusLabel}</Text>
        <Text className='ad__line'>会员编号：{m.memberNo}</Text>
        <Text className='ad__line'>所在工会：{m.unionName}</Text>
        <Text className='ad__line'>入会时间：{formatDate(m.joinedAt)}</Text>
        {m.genderLabel && <Text className='ad__line'>性别：{m.genderLabel}</Text>}
        {m.workerTypeLabel && <Text className='ad__line'>就业方式：{m.workerTypeLabel}</Text>}
        {m.employer && <Text className='ad__line'>单位：{m.employer}{m.job ? ` · ${m.job}` : ''}</Text>}
        <Identifier label='手机号' masked={m.phoneMasked} field='phone' may={m.may.reveal} unionId={unionId} memberNo={m.memberNo} />
        <Identifier label='身份证号' masked={m.idMasked} field='idNumber' may={m.may.reveal} unionId={unionId} memberNo={m.memberNo} />
        {m.arrears && <Text className='ad__weak'>连续六个月未缴会费，且没有免缴：可以提出除名。</Text>}
      </View>
      <Exemption m={m} unionId={unionId} reload={reload} />
      {(m.may.expel || m.expulsionPending) && <Expel m={m} unionId={unionId} reload={reload} />}
      <View className='ght-card'>
        <Text className='ad__heading'>会籍记录</Text>
        {m.stints.map((s, i) => (
          <View key={i} className='ad__row'>
            <View>
              <Text className='ad__line'>{s.unionName}</Text>
              <Text className='ad__weak'>
                {formatDate(s.from)}—{s.to ? formatDate(s.to) : '至今'} · {s.statusLabel}
              </Text>
            </View>
          </View>
        ))}
      </View>
      <View className='ght-card'>
        <Text className='ad__heading'>会费记录</Text>
        {m.dues.length === 0 && <Text className='ad__weak'>还没有登记过会费</Text>}
        {m.dues.map((d) => (
          <View key={d.month + d.unionName} className='ad__row'>
            <View>
              <Text className='ad__line'>
                {d.monthLabel} · {d.statusLabel}
                {d.status === 'paid' ? ` ${formatYuan(d.amountFen)}元` : ''}
              </Text>
              <Text className='ad__weak'>
                {d.unionName}
                {d.reason ? ` · ${d.reason}` : ''}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}

/** A masked number with 查看完整: the full value comes through the audited path and is shown until the page closes. */
function Identifier(props: { label: string; masked: string; field: RevealField; may: boolean; unionId: string; memberNo: string }) {
  const [full, setFull] = useState<{ value: string; notice: string } | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  if (!props.masked) return <Text className='ad__line'>{props.label}：未登记</Text>
  const reveal = async () => {
    const sure = await showModal({ title: `查看完整${props.label}`, content: '查看会记录在案，会员本人可以看到谁在何时查看过。仅在工会工作需要时查看。', confirmText: '查看' })
    if (!sure.confirm) return
    const result = await call(unionActions.revealMember, { unionId: props.unionId, memberNo: props.memberNo, field: props.field })
    if (result.ok) setFull(result.data)
    else setError(result.error)
  }
  return (
    <View className='ad__row'>
      <View>
        <Text className='ad__line'>
          {props.label}：{full ? full.value : props.masked}
        </Text>
        {full && <Text className='ad__weak'>{full.notice}</Text>}
        {error && <Text className='ad__error'>{error.message}</Text>}
      </View>
      {props.may && !full && (
        <Button className='ght-button' onClick={reveal}>
          查看完整
        </Button>
      )}
    </View>
  )
}

function Exemption({ m, unionId, reload }: { m: MemberDetail; unionId: string; reload: () => void }) {
  const [from, setFrom] = useState(inChina(new Date()).format('YYYY-MM'))
  const [reason, setReason] = useState(m.hardshipFile ? '困难职工，已建困难职工档案' : '')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  if (!m.exemption && !m.may.exempt) return null
  const grant = async () => {
    setBusy(true)
    setError(null)
    const result = await call(unionActions.grantExemption, { unionId, memberNo: m.memberNo, from, reason })
    setBusy(false)
    if (result.ok) reload()
    else setError(result.error)
  }
  const end = async () => {
    setBusy(true)
    setError(null)
    const result = await call(unionActions.endExemption, { unionId, memberNo: m.memberNo, reason })
    setBusy(false)
    if (result.ok) reload()
    else setError(result.error)
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>会费减免</Text>
      {m.exemption ? (
        <View>
          <Text className='ad__line'>
            {m.exemption.fromLabel}免缴：{m.exemption.reason}
          </Text>
          <Text className='ad__weak'>{m.exemption.hardshipFile ? '依据：困难职工档案（在档）' : '未关联困难职工档案'}</Text>
          {m.may.exempt && (
            <View>
              <Field label='停止免缴的原因' name='reason' value={reason} onChange={setReason} fields={error?.fields} placeholder='例如：已脱困' maxlength={60} />
              <Button className='ght-button' loading={busy} onClick={end}>
                停止免缴
              </Button>
            </View>
          )}
        </View>
      ) : (
        <View>
          <Text className='ad__weak'>{m.hardshipFile ? '该会员有困难职工档案（在档），免缴将关联这份档案。' : '该会员没有在档的困难职工档案。'}</Text>
          <Field label='从哪个月起免缴' name='from' value={from} onChange={setFrom} fields={error?.fields} placeholder='例如 2025-03' maxlength={7} />
          <Field label='免缴原因' name='reason' value={reason} onChange={setReason} fields={error?.fields} placeholder='例如：困难职工，家庭收入低于低保' maxlength={60} />
          <Button className='ght-button ght-button--primary' loading={busy} onClick={grant}>
            批准免缴
          </Button>
        </View>
      )}
      {error && !error.fields && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}

function Expel({ m, unionId, reload }: { m: MemberDetail; unionId: string; reload: () => void }) {
  const [reason, setReason] = useState(m.arrears ? '连续六个月无正当理由未缴纳会费，经催缴仍未缴纳' : '')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const propose = async () => {
    const sure = await showModal({ title: '提出除名', content: `除名${m.name}需经本工会审批人审批（无人审批时由上级工会审批），审批通过后会通知本人。`, confirmText: '提交' })
    if (!sure.confirm) return
    setBusy(true)
    setError(null)
    const result = await call(unionActions.proposeExpulsion, { unionId, memberNo: m.memberNo, reason })
    setBusy(false)
    if (result.ok) reload()
    else setError(result.error)
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>除名</Text>
      {m.expulsionPending ? (
        <Text className='ad__line'>除名申请正在审批中。</Text>
      ) : (
        <View>
          <Field label='除名理由' name='reason' value={reason} onChange={setReason} fields={error?.fields} multiline maxlength={200} placeholder='例如：连续六个月无正当理由未缴纳会费' />
          <Button className='ght-button' loading={busy} onClick={propose}>
            提出除名
          </Button>
        </View>
      )}
      {error && !error.fields && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}
