import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { usePullDownRefresh } from '@tarojs/taro'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { aidActions } from '../../../../shared/aid/actions'
import type { NoticeItem } from '../../../../shared/aid/api'
import { formatYuan } from '../../../../shared/aid/money'
import { OBJECTION_MAX } from '../../../../shared/aid/notice'
import { formatDate } from '../../../../shared/date'
import ActionView from '../../../components/ActionView'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import '../aid.scss'

/**
 * 帮扶公示: what the union must make public, and nothing more — the surname, the unit, the scheme and
 * the amount — while the notice runs. Anyone in the union may object; the approver looks again.
 */
export default function NoticesPage() {
  const notices = useAction(aidActions.listNotices, {})
  usePullDownRefresh(() => {
    notices.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <PageShell title='帮扶公示' back>
      <Text className='aid__lead'>以下帮扶正在公示。如果您了解到情况不属实，可以提出异议，工会会复核，并为您保密。</Text>
      <ActionView state={notices} isEmpty={(d) => d.items.length === 0} emptyMessage='您所在的工会目前没有正在公示的帮扶'>
        {(d) => (
          <View>
            {d.items.map((n) => (
              <NoticeCard key={n.id} notice={n} onChanged={notices.reload} />
            ))}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}

function NoticeCard({ notice, onChanged }: { notice: NoticeItem; onChanged: () => void }) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  async function send() {
    if (busy) return
    setBusy(true)
    const res = await call(aidActions.fileObjection, { noticeId: notice.id, text })
    setBusy(false)
    if (!res.ok) return setError(res.error)
    setError(null)
    setOpen(false)
    setDone(res.data.message)
    onChanged()
  }
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>
        {notice.maskedName} · {notice.schemeLabel} · {formatYuan(notice.amountFen)}
      </Text>
      <Text className='aid__line'>{notice.unitName}</Text>
      <Text className='aid__weak'>
        公示期：{formatDate(notice.startsAt)}至{formatDate(notice.endsAt)}
        {notice.status === 'paused' ? '（收到异议，复核中）' : ''}
      </Text>
      {done && <Text className='aid__ok'>{done}</Text>}
      {open ? (
        <View>
          <Field label='异议内容' name='text' value={text} onChange={setText} fields={error?.fields} placeholder='请写明您了解到的情况' maxlength={OBJECTION_MAX} multiline />
          {error && <Text className='aid__error'>{error.message}</Text>}
          <View className='aid__actions'>
            <Button className='ght-button ght-button--primary' onClick={send} disabled={busy}>
              提交异议
            </Button>
            <Button className='ght-button' onClick={() => setOpen(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        !done && (
          <Button className='ght-button' onClick={() => setOpen(true)}>
            提出异议
          </Button>
        )
      )}
    </View>
  )
}
