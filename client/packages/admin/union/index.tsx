import { Picker, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { formatDate, formatDateTime, inChina } from '../../../../shared/date'
import { monthLabel } from '../../../../shared/union/dues'
import { formatYuan, parseYuanToFen } from '../../../../shared/membership/dues'
import { roleLabel } from '../../../../shared/domain/union'
import {
  DUES_IMPORT_COLUMNS,
  UNNAMED_OFFICER,
  membersAfterDissolutionLabel,
  unionActions,
  unionExportActions,
  type ImportedDues,
  type CreatedInvitation,
  type InvitableRole,
  type MembersAfterDissolution,
  type OfficerView,
  type UnionOffice,
} from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import Check from '../../../components/form/Check'
import Choices, { optionsOf } from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import QrCode from '../../../components/QrCode'
import { useAction } from '../../../hooks/useAction'
import { useReloadOnReturn } from '../../../hooks/useReloadOnReturn'
import { call } from '../../../services/api'
import { pickXlsx, toBase64, withRetry, type PickedFile } from '../../../services/files'
import { openPage } from '../../../services/navigation'
import { acceptLink, joinLink } from '../links'
import MemberPicker from '../MemberPicker'
import '../admin.scss'

/** 工会主页: the union's data, its invite QR for 集体入会, its officers, and what the caller may change. */
export default function UnionPage() {
  const { params } = useRouter()
  const unionId = params.id ? decodeURIComponent(params.id) : ''
  const office = useAction(unionActions.getOffice, { unionId })
  // back from the roster or a registered union; an invited officer may have accepted meanwhile
  useReloadOnReturn(office.reload)
  const code = office.data?.inviteCode
  useShareAppMessage(() => ({
    title: `邀请您加入${office.data?.union.name ?? '工会'}`,
    path: code ? `/packages/membership/join/index?invite=${code}` : '/packages/membership/find/index',
  }))
  return (
    <PageShell title='工会主页' back>
      <ActionView state={office}>{(o) => <Office office={o} reload={office.reload} />}</ActionView>
    </PageShell>
  )
}

function Office({ office, reload }: { office: UnionOffice; reload: () => void }) {
  const { union, may } = office
  return (
    <View>
      <View className='ght-card'>
        <Text className='ad__heading'>{union.name}</Text>
        {union.dissolved && <Text className='ad__error'>本工会已注销</Text>}
        {union.employer && <Text className='ad__line'>单位：{union.employer}</Text>}
        {union.creditCode && <Text className='ad__line'>统一社会信用代码：{union.creditCode}</Text>}
        {union.address && <Text className='ad__line'>地址：{union.address}</Text>}
        <Text className='ad__line'>属地：{union.region}</Text>
        {union.industry && <Text className='ad__line'>行业：{union.industry}</Text>}
        {union.employeeCount !== null && <Text className='ad__line'>职工人数：{union.employeeCount}人</Text>}
        <Text className='ad__line'>会员人数：{office.memberCount}人</Text>
        <View className='ad__small-actions'>
          <Button className='ght-button' onClick={() => openPage(`/packages/admin/roster/index?id=${union._id}`)}>
            会员名册
          </Button>
          {may.registerChild && (
            <Button className='ght-button' onClick={() => openPage(`/packages/admin/roster/index?id=${union._id}&subtree=1`)}>
              下属工会会员
            </Button>
          )}
        </View>
      </View>

      {!union.dissolved && (
        <View className='ght-card'>
          <Text className='ad__heading'>集体入会邀请</Text>
          <QrCode text={joinLink(office.inviteCode)} label={`${union.name}入会邀请二维码`} />
          <Text className='ad__line'>邀请码：{office.inviteCode}</Text>
          <Text className='ad__weak'>职工用微信扫码或打开下面的链接，直接进入本工会的入会申请。点右上角“…”可以转发到单位的职工群。</Text>
          <Text className='ad__link' userSelect>
            {joinLink(office.inviteCode)}
          </Text>
        </View>
      )}

      <Officers office={office} reload={reload} />
      {(may.inviteChair || may.inviteOfficers) && <Invite office={office} />}
      {may.registerChild && (
        <View className='ad__actions'>
          <Button className='ght-button' onClick={() => openPage(`/packages/admin/register/index?parentId=${union._id}`)}>
            登记新建基层工会
          </Button>
        </View>
      )}
      {may.recordDues && <RecordDues office={office} />}
      {may.recordDues && <ImportDues office={office} />}
      {may.rename && <Rename office={office} reload={reload} />}
      {may.dissolve && <Dissolve office={office} reload={reload} />}
    </View>
  )
}

function Officers({ office, reload }: { office: UnionOffice; reload: () => void }) {
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [removing, setRemoving] = useState<OfficerView | null>(null)
  const [reason, setReason] = useState('')
  const unionId = office.union._id

  const [choosing, setChoosing] = useState<string | null>(null)
  /** 审批人 per kind: tapping a kind adds it to (or takes it from) what this vice-chair decides */
  const toggleKind = async (o: OfficerView, kind: string) => {
    setError(null)
    const kinds = o.approverKinds.includes(kind) ? o.approverKinds.filter((k) => k !== kind) : [...o.approverKinds, kind]
    const result = await call(unionActions.setApprover, { unionId, officerId: o.officerId, kinds })
    if (result.ok) reload()
    else setError(result.error)
  }
  const labelOf = (kind: string) => office.kinds.find((k) => k.kind === kind)?.label ?? kind
  const above = office.kinds.filter((k) => k.decidedAbove)
  const remove = async () => {
    if (!removing) return
    setError(null)
    const result = await call(unionActions.removeOfficer, { unionId, officerId: removing.officerId, reason })
    if (result.ok) {
      setRemoving(null)
      setReason('')
      reload()
    } else setError(result.error)
  }

  return (
    <View className='ght-card'>
      <Text className='ad__heading'>工会干部</Text>
      {office.decidedAbove ? (
        <Text className='ad__weak'>本工会目前没有主席或指定的审批人，会员的申请由上级工会审批。</Text>
      ) : (
        above.length > 0 && <Text className='ad__weak'>本工会暂无人审批{above.map((k) => k.label).join('、')}，这些申请由上级工会审批。</Text>
      )}
      {office.officers.length === 0 && <Text className='ad__line'>还没有工会干部</Text>}
      {office.officers.map((o) => (
        <View key={o.officerId}>
        <View className='ad__row'>
          <View>
            <Text className={o.name === UNNAMED_OFFICER ? 'ad__weak' : 'ad__line'}>
              {o.name}
              {o.isMe ? '（我）' : ''}
            </Text>
            <Text className='ad__weak'>
              {o.roleLabel} · {formatDate(o.since)}起
            </Text>
            {o.role === 'chair' && <Text className='ad__weak'>审批：全部申请</Text>}
            {o.role === 'vice_chair' && <Text className='ad__weak'>审批：{o.approverKinds.length ? o.approverKinds.map(labelOf).join('、') : '无'}</Text>}
          </View>
          <View className='ad__small-actions'>
            {o.role === 'vice_chair' && office.may.setApprover && (
              <Button className='ght-button' onClick={() => setChoosing(choosing === o.officerId ? null : o.officerId)}>
                {choosing === o.officerId ? '完成' : '审批范围'}
              </Button>
            )}
            {office.may.remove && !o.isMe && (o.role === 'vice_chair' || o.role === 'committee' || office.may.inviteChair) && (
              <Button className='ght-button' onClick={() => setRemoving(o)}>
                免职
              </Button>
            )}
          </View>
        </View>
        {choosing === o.officerId && (
          <View className='ad__kinds'>
            <Text className='ad__weak'>勾选{o.name === UNNAMED_OFFICER ? `这位${o.roleLabel}` : o.name}审批的申请（主席审批全部申请）：</Text>
            {office.kinds.map((k) => (
              <Check key={k.kind} checked={o.approverKinds.includes(k.kind)} onChange={() => void toggleKind(o, k.kind)}>
                <Text>{k.label}</Text>
              </Check>
            ))}
          </View>
        )}
        </View>
      ))}
      {removing && (
        <View>
          <Field label={`免去${removing.name === UNNAMED_OFFICER ? '这位' : `${removing.name}的`}${removing.roleLabel}职务，原因`} name='reason' value={reason} onChange={setReason} fields={error?.fields} placeholder='例如：工作调动' />
          <View className='ad__small-actions'>
            <Button className='ght-button ght-button--primary' onClick={remove}>
              确认免职
            </Button>
            <Button className='ght-button' onClick={() => setRemoving(null)}>
              取消
            </Button>
          </View>
        </View>
      )}
      {error && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}

function Invite({ office }: { office: UnionOffice }) {
  const roles: InvitableRole[] = [...(office.may.inviteChair ? (['chair'] as const) : []), 'vice_chair', 'committee']
  const [role, setRole] = useState<InvitableRole>(roles[0])
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const create = async () => {
    setBusy(true)
    setError(null)
    const result = await call(unionActions.createInvitation, { unionId: office.union._id, role })
    setBusy(false)
    if (result.ok) setCreated(result.data)
    else setError(result.error)
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>邀请任职</Text>
      <Choices label='担任职务' value={role} options={optionsOf(roleLabel, roles)} onChange={(r) => (setRole(r), setCreated(null))} />
      <Button className='ght-button ght-button--primary' loading={busy} onClick={create}>
        生成任职邀请
      </Button>
      {error && <Text className='ad__error'>{error.message}</Text>}
      {created && (
        <View>
          <QrCode text={acceptLink(created.path)} label={`${created.unionName}${roleLabel[created.role]}任职邀请二维码`} />
          <Text className='ad__line'>请被邀请人用微信扫码或打开链接接受邀请。</Text>
          <Text className='ad__weak'>邀请有效至{formatDateTime(created.expiresAt)}，只能使用一次。</Text>
          <Text className='ad__link' userSelect data-testid='invitation-link'>
            {acceptLink(created.path)}
          </Text>
        </View>
      )}
    </View>
  )
}

function Rename({ office, reload }: { office: UnionOffice; reload: () => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const rename = async () => {
    setError(null)
    const result = await call(unionActions.renameUnion, { unionId: office.union._id, name })
    if (result.ok) {
      setName('')
      reload()
    } else setError(result.error)
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>工会更名</Text>
      <Field label='新名称' name='name' value={name} onChange={setName} fields={error?.fields} placeholder='例如：北京某某有限公司工会' maxlength={40} />
      <Button className='ght-button' onClick={rename}>
        确认更名
      </Button>
      {error && !error.fields && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}

function Dissolve({ office, reload }: { office: UnionOffice; reload: () => void }) {
  const [members, setMembers] = useState<MembersAfterDissolution | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [progress, setProgress] = useState('')
  const dissolve = async () => {
    if (!members) return setError({ code: 'INVALID_INPUT', message: '请选择会员会籍的处理方式', fields: { members: '请选择会员会籍的处理方式' } })
    setError(null)
    // members move in pages: ask again until none remain
    for (let round = 0; round < 500; round++) {
      const result = await call(unionActions.dissolveUnion, { unionId: office.union._id, members, reason })
      if (!result.ok) return setError(result.error)
      setProgress(`已处理会员会籍，剩余${result.data.remaining}人`)
      if (result.data.done) return reload()
    }
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>注销工会</Text>
      <Text className='ad__weak'>注销后，本工会不再接收会员，所有职务随之终止。</Text>
      <Choices label='会员会籍' name='members' value={members} options={optionsOf(membersAfterDissolutionLabel)} onChange={setMembers} fields={error?.fields} />
      <Field label='注销原因' name='reason' value={reason} onChange={setReason} fields={error?.fields} placeholder='例如：单位注销' />
      <Button className='ght-button' onClick={dissolve}>
        确认注销
      </Button>
      {progress && <Text className='ad__line'>{progress}</Text>}
      {error && !error.fields && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}

type ExceptionDraft = { memberNo: string; name: string; status: 'exempt' | 'unpaid'; reason: string }

/** This month and the eleven before it, newest first: a month is picked, not typed. */
const recentMonths = (now: Date): Array<{ value: string; label: string }> =>
  Array.from({ length: 12 }, (_, i) => {
    const m = inChina(now).subtract(i, 'month').format('YYYY-MM')
    return { value: m, label: monthLabel(m) }
  })

/** 会费登记: a month's payroll deduction for the whole roster, with the members (picked from the roster) who are exempt or did not pay. */
function RecordDues({ office }: { office: UnionOffice }) {
  const months = recentMonths(new Date())
  const [month, setMonth] = useState(months[0].value)
  const [amount, setAmount] = useState('')
  const [exceptions, setExceptions] = useState<ExceptionDraft[]>([])
  const [picking, setPicking] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const edit = (i: number, change: Partial<ExceptionDraft>) => setExceptions((list) => list.map((e, j) => (j === i ? { ...e, ...change } : e)))
  const submit = async () => {
    const amountFen = parseYuanToFen(amount)
    if (amountFen === null) return setError({ code: 'INVALID_INPUT', message: '请填写每人代扣的会费金额', fields: { amountFen: '请填写金额，例如 25.00' } })
    setBusy(true)
    setError(null)
    const result = await call(unionActions.recordDues, { unionId: office.union._id, month, amountFen, exceptions: exceptions.map(({ memberNo, status, reason }) => ({ memberNo, status, reason })) })
    setBusy(false)
    if (result.ok) setDone(`已登记${monthLabel(result.data.month)}会费：已缴${result.data.paid}人，免缴${result.data.exempt}人，未缴${result.data.unpaid}人，合计${formatYuan(result.data.totalFen)}元`)
    else setError(result.error)
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>会费登记（工资代扣）</Text>
      <Text className='ght-form__label'>月份</Text>
      <Picker mode='selector' range={months.map((m) => m.label)} value={months.findIndex((m) => m.value === month)} onChange={(e) => setMonth(months[Number(e.detail.value)].value)}>
        <View className='ght-form__input ad__picker-value' role='button'>
          <Text>{monthLabel(month)} ▾</Text>
        </View>
      </Picker>
      {error?.fields?.month && <Text className='ad__error'>{error.fields.month}</Text>}
      <Field label='每人代扣金额（元）' name='amountFen' type='digit' value={amount} onChange={setAmount} fields={error?.fields} placeholder='例如 25.00' maxlength={10} hint='名册上的会员都按这个金额登记；保留会籍的会员自动免缴' />
      {exceptions.map((e, i) => (
        <View key={e.memberNo} className='ad__exception'>
          <View className='ad__row'>
            <Text className='ad__line'>
              例外{i + 1}：{e.name}（{e.memberNo}）
            </Text>
            <Text className='ght-link' onClick={() => setExceptions((list) => list.filter((_, j) => j !== i))}>
              移除
            </Text>
          </View>
          <Choices label='' value={e.status} options={[{ value: 'exempt', label: '免缴（如困难职工）' }, { value: 'unpaid', label: '未缴' }]} onChange={(v) => edit(i, { status: v })} />
          <Field label='原因' name={`exceptions.${i}.reason`} value={e.reason} onChange={(v) => edit(i, { reason: v })} fields={error?.fields} placeholder='例如：困难职工，工会批准减免' maxlength={60} />
        </View>
      ))}
      {picking ? (
        <MemberPicker
          unionId={office.union._id}
          chosen={exceptions.map((e) => e.memberNo)}
          onPick={(r) => {
            setExceptions((list) => [...list, { memberNo: r.memberNo, name: r.name, status: 'exempt', reason: '' }])
            setPicking(false)
          }}
          onClose={() => setPicking(false)}
        />
      ) : (
        <View className='ad__small-actions'>
          <Button className='ght-button' onClick={() => setPicking(true)}>
            添加例外（免缴或未缴）
          </Button>
          <Button className='ght-button ght-button--primary' loading={busy} onClick={submit}>
            登记{monthLabel(month)}会费
          </Button>
        </View>
      )}
      {done && <Text className='ad__ok'>{done}</Text>}
      {error && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}

/** 导入会费: an XLSX with 会员编号、姓名、月份、金额（元）、状态、备注, sent in chunks through unionExport and recorded whole or not at all. */
function ImportDues({ office }: { office: UnionOffice }) {
  const [progress, setProgress] = useState('')
  const [done, setDone] = useState<ImportedDues | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setError(null)
    setDone(null)
    let picked: PickedFile
    try {
      picked = await pickXlsx()
    } catch {
      return setError({ code: 'INVALID_INPUT', message: '没能读取这个文件，请重新选择' })
    }
    if (!picked) return
    const { bytes } = picked
    setBusy(true)
    const outcome = await send(office.union._id, bytes, setProgress)
    setBusy(false)
    setProgress('')
    if (outcome.ok) setDone(outcome.data)
    else setError(outcome.error)
  }
  return (
    <View className='ght-card'>
      <Text className='ad__heading'>从Excel导入会费</Text>
      <Text className='ad__weak'>第1行表头：{DUES_IMPORT_COLUMNS.join('、')}。每行一位会员一个月；状态填 已缴、免缴 或 未缴；表中没有列出的会员记为未缴。</Text>
      <Text className='ad__weak'>{__TARGET__ === 'h5' ? '选择电脑或手机上的 .xlsx 文件。' : '先把表格发到微信聊天（如文件传输助手），再从聊天中选择。'}</Text>
      <Button className='ght-button' loading={busy} onClick={run}>
        选择Excel文件导入
      </Button>
      {progress && <Text className='ad__line'>{progress}</Text>}
      {done && (
        <View className='ad__ok'>
          {done.months.map((m) => (
            <Text key={m.month} className='ad__line'>
              {m.monthLabel}：已缴{m.paid}人，免缴{m.exempt}人，未缴{m.unpaid}人{m.unlisted ? `（其中表中未列出${m.unlisted}人）` : ''}，合计{formatYuan(m.totalFen)}元
            </Text>
          ))}
        </View>
      )}
      {error && <Text className='ad__error'>{error.message}</Text>}
    </View>
  )
}

async function send(unionId: string, bytes: Uint8Array, onProgress: (text: string) => void) {
  const slot = await withRetry(() => call(unionExportActions.startImport, { unionId, size: bytes.length }))
  if (!slot.ok) return slot
  const { importId, chunkBytes, chunkCount } = slot.data
  for (let index = 0; index < chunkCount; index++) {
    onProgress(`正在上传 ${index + 1}/${chunkCount}…`)
    const sent = await withRetry(() => call(unionExportActions.importChunk, { importId, index, data: toBase64(bytes.subarray(index * chunkBytes, (index + 1) * chunkBytes)) }))
    if (!sent.ok) return sent
  }
  onProgress('正在核对名册并登记…')
  return call(unionExportActions.importDues, { importId })
}
