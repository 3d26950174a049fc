import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import EmptyState from '../../../components/EmptyState'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { aidActions } from '../../../../shared/aid/actions'
import type { FileItem } from '../../../../shared/aid/api'
import { closeReasonLabel, type CloseReason, type FileStatus } from '../../../../shared/aid/files'
import { formatYuan } from '../../../../shared/aid/money'
import { formatDate } from '../../../../shared/date'
import ActionView from '../../../components/ActionView'
import Choices, { optionsOf } from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import FilterTabs from '../../../components/FilterTabs'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import '../aid.scss'

/** 困难职工档案 (一户一档): yearly review and 退档 with a reason, for the chair and the federation above. */
export default function FilesPage() {
  const [status, setStatus] = useState<FileStatus>('active')
  const [dueOnly, setDueOnly] = useState(false)
  const files = useAction(aidActions.listFiles, { status, dueOnly })
  return (
    <PageShell title='困难职工档案' back>
      <FilterTabs<'active' | 'due' | 'closed'>
        value={status === 'closed' ? 'closed' : dueOnly ? 'due' : 'active'}
        options={[
          { value: 'active', label: '在档' },
          { value: 'due', label: '待年度复核' },
          { value: 'closed', label: '已退档' },
        ]}
        onChange={(v) => {
          setStatus(v === 'closed' ? 'closed' : 'active')
          setDueOnly(v === 'due')
        }}
      />
      <ActionView state={files} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title='没有档案' message='没有符合条件的困难职工档案' />}>
        {(d) => (
          <View>
            {d.items.map((f) => (
              <FileCard key={f.id} file={f} onChanged={files.reload} />
            ))}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}

function FileCard({ file, onChanged }: { file: FileItem; onChanged: () => void }) {
  const [mode, setMode] = useState<'review' | 'close' | null>(null)
  const [showHistory, setShowHistory] = useState(false)
  const [note, setNote] = useState('')
  const [reason, setReason] = useState<CloseReason>('recovered')
  const [error, setError] = useState<AppErrorShape | null>(null)
  async function send() {
    const res = mode === 'close' ? await call(aidActions.closeFile, { fileId: file.id, reason, note }) : await call(aidActions.reviewFile, { fileId: file.id, note })
    if (!res.ok) return setError(res.error)
    setError(null)
    setMode(null)
    onChanged()
  }
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>
        {file.maskedName}家 · {file.levelLabel}
      </Text>
      <Text className='aid__line'>{file.unionName}</Text>
      <Text className='aid__weak'>
        {formatDate(file.filedAt)}建档 · 已帮扶{file.aidCount}次，共{formatYuan(file.aidTotalFen)}
      </Text>
      {file.status === 'active' ? (
        <Text className={file.reviewDue ? 'aid__no' : 'aid__weak'}>
          {file.reviewDue ? '已到年度复核时间' : `下次复核：${formatDate(file.reviewDueAt)}`}
        </Text>
      ) : (
        <Text className='aid__weak'>已退档：{file.closeReason}</Text>
      )}
      <Text className='aid__line' onClick={() => setShowHistory(!showHistory)}>
        {showHistory ? '收起档案记录' : `查看档案记录（${file.history.length}条）`}
      </Text>
      {showHistory &&
        (file.history.length === 0 ? (
          <Text className='aid__weak'>还没有记录</Text>
        ) : (
          file.history.map((h, i) => (
            <View key={i} className='aid__timeline-item'>
              <Text className='aid__weak'>{formatDate(h.at)}</Text>
              <Text className='aid__line'>{h.text}</Text>
            </View>
          ))
        ))}
      {file.status === 'active' &&
        (mode === null ? (
          <View className='aid__actions'>
            <Button className='ght-button' onClick={() => setMode('review')}>
              年度复核
            </Button>
            <Button className='ght-button' onClick={() => setMode('close')}>
              退档
            </Button>
          </View>
        ) : (
          <View>
            {mode === 'close' && <Choices<CloseReason> label='退档原因' value={reason} options={optionsOf(closeReasonLabel)} onChange={setReason} />}
            <Field label={mode === 'close' ? '退档说明' : '复核情况'} name='note' value={note} onChange={setNote} fields={error?.fields} maxlength={300} multiline />
            {error && <Text className='aid__error'>{error.message}</Text>}
            <View className='aid__actions'>
              <Button className='ght-button ght-button--primary' onClick={send}>
                {mode === 'close' ? '确认退档' : '确认复核'}
              </Button>
              <Button className='ght-button' onClick={() => setMode(null)}>
                取消
              </Button>
            </View>
          </View>
        ))}
    </View>
  )
}
